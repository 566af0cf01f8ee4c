namespace IdentityTfa.IntegrationTests.Admin;

public class AdminAccessTests
{
    [Fact]
    public async Task A_customer_is_refused_the_admin_area()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        var page = await shopper.GetAsync("/Admin/Customers");

        Assert.Equal("/Identity/Account/AccessDenied", page.Path);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();

        Assert.Equal("/Identity/Account/Login", (await visitor.GetAsync("/Admin/Audit")).Path);
    }

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_enrol_first()
    {
        await using var shop = new ShopFactory(new() { ["Seed:AdminEmail"] = AdminEmail, ["Seed:AdminPassword"] = "Admin-Passw0rd!" });
        using var admin = shop.NewShopper();
        await admin.PasswordStepAsync(AdminEmail, "Admin-Passw0rd!");

        var page = await admin.GetAsync("/Admin/Customers");

        // The site policy asks an admin for the authenticator app (text, call and email are not enough), and says why.
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", page.Path);
        Assert.Contains("Your role needs a passkey or an authenticator app.", page.Statuses);
    }

    [Fact]
    public async Task An_admin_signed_in_with_a_code_reaches_the_admin_area()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();

        var page = await admin.GetAsync("/Admin/Customers");

        Assert.Equal("/Admin/Customers", page.Path);
        Assert.Equal("Customers", page.Heading);
    }

    [Fact]
    public async Task An_admin_who_skipped_the_code_on_a_trusted_browser_must_sign_in_again_with_a_code()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(AdminEmail, null, DeliveryChannel.Email);
        var key = await shop.EnableAuthenticatorAsync(AdminEmail);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole("Admin"));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.AddToRoleAsync((await users.FindByEmailAsync(AdminEmail))!, "Admin");
        }

        using var admin = shop.NewShopper();
        var verify = await admin.PasswordStepAsync(AdminEmail, Journeys.Password);
        await admin.EnterCodeAsync(verify, shop.AuthenticatorCode(key), trustDevice: true);
        await admin.SignOutAsync();
        Assert.Equal("/", (await admin.PasswordStepAsync(AdminEmail, Journeys.Password)).Path);

        var stepUp = await admin.GetAsync("/Admin/Customers");
        Assert.Equal("/Identity/Account/StepUp", stepUp.Path);
        Assert.Equal(
            "This signs you out. You then sign in with your password and a code, and this browser asks for a code again next time.",
            stepUp.DescriptionOfButton("Sign in again with a code"));
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var login = await admin.SubmitAsync(stepUp, "Sign in again with a code");
        var again = await admin.SubmitAsync(login, "Sign in", ("Email", AdminEmail), ("Password", Journeys.Password));
        Assert.Equal("/Identity/Account/LoginWith2fa", again.Path);
        var inside = await admin.EnterCodeAsync(again, shop.AuthenticatorCode(key));
        Assert.Equal("/Admin/Customers", inside.Path);
    }
}
