using IdentityTfa.IntegrationTests.Api;
using IdentityTfa.Methods;

namespace IdentityTfa.IntegrationTests.Admin;

/// <summary>
/// The site policy's methods (issue 22): an admin must have and use the authenticator app, customers get only the
/// methods the policy allows, and an email-only customer is told why to add a stronger one.
/// </summary>
public class MethodPolicyTests
{
    private const string Customer = Email;

    [Fact]
    public async Task An_admin_without_the_authenticator_app_is_sent_to_add_it_and_then_the_admin_area_opens()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(AdminEmail, null, DeliveryChannel.Email);
        await MakeAdminAsync(shop);
        using var admin = shop.NewShopper();
        var verify = await admin.PasswordStepAsync(AdminEmail, Journeys.Password);
        Assert.Equal("/", (await admin.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(admin, AdminEmail))).Path);

        var enrol = await admin.GetAsync("/Admin/Customers");

        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", enrol.Path);
        Assert.Contains("Your role needs a passkey or an authenticator app. Codes by text, call or email can be taken over", enrol.Document.QuerySelector("#admin-must-enrol")!.TextContent);
        var key = enrol.Document.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        await admin.SubmitAsync(enrol, "Verify", ("Enter the 6-digit code your app shows", shop.AuthenticatorCode(key)));

        var inside = await admin.GetAsync("/Admin/Customers");
        Assert.Equal("/Admin/Customers", inside.Path);
        Assert.Equal("Customers", inside.Heading);
    }

    [Fact]
    public async Task An_admin_signed_in_by_text_is_asked_for_the_authenticator_app_code_before_the_admin_area()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(AdminEmail, Phone, DeliveryChannel.Sms);
        var key = await shop.EnableAuthenticatorAsync(AdminEmail);
        await MakeAdminAsync(shop);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var methods = scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>();
            Assert.True(await methods.SetPreferredAsync((await users.FindByEmailAsync(AdminEmail))!, DeliveryChannel.Sms));
        }

        using var admin = shop.NewShopper();
        var verify = await admin.PasswordStepAsync(AdminEmail, Journeys.Password);
        Assert.Equal("/", (await admin.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(admin, Phone))).Path);

        var stepUp = await admin.GetAsync("/Admin/Customers");

        Assert.Equal("/Identity/Account/StepUp", stepUp.Path);
        Assert.Contains("Your role needs a passkey or an authenticator app.", stepUp.Document.QuerySelector("#strong-reason")!.TextContent);
        Assert.All(stepUp.Document.QuerySelectorAll("input[name=channel]"), c => Assert.Equal("Authenticator", c.GetAttribute("value")));
        var inside = await admin.SubmitAsync(stepUp, "Verify", ("Verification code", shop.AuthenticatorCode(key)));
        Assert.Equal("/Admin/Customers", inside.Path);
    }

    [Fact]
    public async Task A_method_the_policy_forbids_customers_is_not_offered_and_the_token_API_refuses_it()
    {
        await using var shop = new ShopFactory();
        // Made before the policy forbids text messages: a forbidden method is never turned on afterwards.
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var admin = await shop.SignedInAdminAsync();
        var none = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy",
            ("Text message", "false"), ("Voice call", "false"), ("Email", "false"), ("Authenticator app", "false"), ("Passkey", "false"));
        Assert.Contains("Allow customers at least one method.", none.Alerts);

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Text message", "false"), ("Voice call", "false"));
        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
        Assert.Null(saved.Document.QuerySelector("#method-Sms[checked]"));
        Assert.NotNull(saved.Document.QuerySelector("#method-Email[checked]"));
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var change = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().SingleAsync(a => a.Type == "policy.changed");
            Assert.Contains("\"CustomerMethods\":[\"Sms\",\"Voice\",\"Email\",\"Authenticator\",\"Passkey\"]", change.OldValue);
            Assert.Contains("\"CustomerMethods\":[\"Email\",\"Authenticator\",\"Passkey\"]", change.NewValue);
        }

        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Customer, Journeys.Password);
        Assert.Equal("/Identity/Account/LoginWith2fa", verify.Path);
        Assert.DoesNotContain(verify.Document.QuerySelectorAll("input[name=channel], button[name=channel]"), c => c.GetAttribute("value") is "Sms" or "Voice");
        Assert.Equal("/", (await jane.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(jane, Customer))).Path);
        var settings = await jane.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Null(settings.Document.QuerySelector("#add-phone"));
        Assert.NotNull(settings.Document.QuerySelector("#add-authenticator"));

        var app = new TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Customer, password = Journeys.Password });
        var channels = challenge.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("channel").GetString()).ToList();
        Assert.Equal(["Email"], channels);
        var (status, refused) = await app.PostAsync("/api/auth/code", new { challengeId = challenge.GetProperty("challengeId").GetString(), channel = "Sms" });
        Assert.Equal(400, status);
        Assert.Equal("That channel is not available for this account.", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_customer_whose_only_method_is_email_is_told_why_to_add_a_stronger_one_and_one_with_a_phone_is_not()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, null, DeliveryChannel.Email);
        await shop.CreateAccountAsync("joe@example.com", Phone, DeliveryChannel.Sms, DeliveryChannel.Email);

        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Customer, Journeys.Password);
        await jane.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(jane, Customer));
        var settings = await jane.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        var suggestion = settings.Document.QuerySelector("#stronger-method-suggestion")!.TextContent;
        Assert.Contains("The mailbox that gets your code is also the one that can reset your password", suggestion);
        Assert.Contains("Add an authenticator app or a phone", suggestion);
        Assert.NotNull(settings.Document.QuerySelector("#add-authenticator"));

        using var joe = shop.NewShopper();
        await joe.SignInWithCodeAsync(shop, "joe@example.com");
        var joes = await joe.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Null(joes.Document.QuerySelector("#stronger-method-suggestion"));
    }

    private static async Task MakeAdminAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole("Admin"));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        await users.AddToRoleAsync((await users.FindByEmailAsync(AdminEmail))!, "Admin");
    }
}
