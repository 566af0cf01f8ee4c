using IdentityTfa.Methods;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// An admin who must use the authenticator app re-authenticates with it: a text-message code does not let a session
/// remove the admin's app (and enrol its own to open the admin area), and a change in the admin area needs the app's
/// code within the re-authentication window (10 minutes), not only at sign-in.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class StrongReauthenticationTests
{
    private const string StepUpPath = "/Identity/Account/StepUp";

    [Fact]
    public async Task A_session_signed_in_by_text_cannot_remove_the_admins_app_and_is_asked_for_the_app_code()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(AdminEmail, Phone, DeliveryChannel.Sms);
        var key = await shop.EnableAuthenticatorAsync(AdminEmail);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            await roles.CreateAsync(new IdentityRole("Admin"));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByEmailAsync(AdminEmail))!;
            await users.AddToRoleAsync(user, "Admin");
            Assert.True(await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().SetPreferredAsync(user, DeliveryChannel.Sms));
        }

        using var attacker = shop.NewShopper();
        var verify = await attacker.PasswordStepAsync(AdminEmail, Journeys.Password);
        Assert.Equal("/", (await attacker.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(attacker, Phone))).Path);

        var remove = await attacker.GetAsync("/Identity/Account/Manage/RemoveMethod?channel=Authenticator");

        Assert.Equal(StepUpPath, remove.Path);
        Assert.NotNull(remove.Document.QuerySelector("#strong-reason"));
        Assert.All(remove.Document.QuerySelectorAll("input[name=channel]"), c => Assert.Equal("Authenticator", c.GetAttribute("value")));
        Assert.Equal(StepUpPath, (await attacker.GetAsync("/Admin/Customers")).Path);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var methods = await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().GetMethodsAsync((await users.FindByEmailAsync(AdminEmail))!);
            Assert.Contains(methods, m => m.Channel == DeliveryChannel.Authenticator);
        }

        // With the app's code the same page opens.
        var back = await attacker.SubmitAsync(remove, "Verify", ("Verification code", shop.AuthenticatorCode(key)));
        Assert.Equal("/Identity/Account/Manage/RemoveMethod", back.Path);
    }

    [Fact]
    public async Task An_admin_change_after_the_window_asks_for_the_app_code_first_and_then_saves()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        string key;
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            key = (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(AdminEmail))!))!;
        }

        var policy = await admin.GetAsync("/Admin/Policy");
        shop.Time.Advance(TimeSpan.FromMinutes(11));

        var refused = await admin.SubmitAsync(policy, "Save policy", ("Message template in German", "Ihr Code: {code}"));

        Assert.Equal(StepUpPath, refused.Path);
        Assert.NotNull(refused.Document.QuerySelector("#strong-reason"));
        Assert.DoesNotContain("The site policy is saved and in force.", refused.Statuses);
        var back = await admin.SubmitAsync(refused, "Verify", ("Verification code", shop.AuthenticatorCode(key)));
        Assert.Equal("/Admin/Policy", back.Path);
        var saved = await admin.SubmitAsync(back, "Save policy", ("Message template in German", "Ihr Code: {code}"));
        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
    }
}
