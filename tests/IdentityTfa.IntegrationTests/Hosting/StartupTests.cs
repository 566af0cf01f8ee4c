using Microsoft.Extensions.Options;

namespace IdentityTfa.IntegrationTests.Hosting;

public class StartupTests
{
    [Fact]
    public async Task Production_without_a_message_provider_refuses_to_start_and_names_the_keys()
    {
        await using var shop = new ShopFactory(environment: "Production");

        var failure = Assert.ThrowsAny<Exception>(() => shop.NewShopper());

        var message = Flatten(failure);
        Assert.Contains("IdentityTfa:Sms:Twilio", message);
        Assert.Contains("IdentityTfa:Email:Smtp", message);
        Assert.Contains("development inbox is not allowed in Production", message);
    }

    [Fact]
    public async Task A_bad_policy_refuses_to_start_and_names_the_key()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:Policies:SignIn:Length"] = "2" });

        var failure = Assert.ThrowsAny<Exception>(() => shop.NewShopper());

        Assert.Contains("IdentityTfa:Policies:SignIn:Length must be between 4 and 16", Flatten(failure));
    }

    [Fact]
    public async Task The_development_inbox_is_not_served_outside_Development()
    {
        await using var shop = new ShopFactory(environment: "Staging");
        using var shopper = shop.NewShopper();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, await shopper.StatusOfAsync("/dev/inbox"));
    }

    [Fact]
    public async Task The_seeded_admin_can_sign_in_and_is_in_the_Admin_role()
    {
        await using var shop = new ShopFactory(new() { ["Seed:AdminEmail"] = AdminEmail, ["Seed:AdminPassword"] = "Admin-Passw0rd!" });
        using var admin = shop.NewShopper();

        var signedIn = await admin.PasswordStepAsync(AdminEmail, "Admin-Passw0rd!");

        Assert.Equal("/", signedIn.Path);
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(AdminEmail))!, "Admin"));
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();

        using var response = await shopper.Client.GetAsync("/Identity/Account/Login");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.InnerException is null ? exception.Message : $"{exception.Message} | {Flatten(exception.InnerException)}";
}
