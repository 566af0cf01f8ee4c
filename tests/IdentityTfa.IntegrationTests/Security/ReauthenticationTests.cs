using System.Text.Json;
using IdentityTfa.IntegrationTests.Api;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Changing the password, email, phone or second factor needs the second factor entered within the re-authentication
/// window (10 minutes): a hijacked old session, a trusted-device session or a password-only token cannot bind the
/// attacker's own phone or email.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class ReauthenticationTests(SecurityFigures figures)
{
    private const string NewPhone = "+442079460958";
    private const string StepUpPath = "/Identity/Account/StepUp";
    private const string Manage = "/Identity/Account/Manage/";
    private static readonly TimeSpan PastTheWindow = TimeSpan.FromMinutes(11);

    private static readonly string[] GuardedPages =
        ["AddPhone", "AddEmail", "Email", "ChangePassword", "SetPassword", "Disable2fa", "RecoveryCodes", "RemoveMethod?channel=Sms", "EnableAuthenticator", "Passkeys"];

    [Fact]
    public async Task Every_page_that_changes_a_factor_opens_inside_the_window_and_asks_for_a_code_after_it()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInWithCodeAsync(shop);

        foreach (var page in GuardedPages)
        {
            Assert.NotEqual(StepUpPath, (await shopper.GetAsync(Manage + page)).Path);
        }

        shop.Time.Advance(PastTheWindow);
        foreach (var page in GuardedPages)
        {
            var stepUp = await shopper.GetAsync(Manage + page);
            Assert.Equal(StepUpPath, stepUp.Path);
            Assert.Equal("Confirm it is you", stepUp.Heading);
        }

        figures.Set("reauthentication.pages_guarded", GuardedPages.Length);
    }

    [Fact]
    public async Task Identity_checking_the_security_stamp_does_not_make_a_fresh_session_stale()
    {
        // Identity rebuilds the session's principal at each stamp check; the times of the sign-in must survive it.
        await using var shop = new ShopFactory
        {
            ReplaceServices = services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1)),
        };
        using var shopper = await SignedInWithCodeAsync(shop);

        shop.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", (await shopper.GetAsync(Manage + "TwoFactorAuthentication")).Path);
        shop.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.NotEqual(StepUpPath, (await shopper.GetAsync(Manage + "ChangePassword")).Path);
        Assert.NotEqual(StepUpPath, (await ChangePasswordAsync(shopper, "Fresh-Session-88")).Path);

        shop.Time.Advance(PastTheWindow);
        Assert.Equal(StepUpPath, (await shopper.GetAsync(Manage + "ChangePassword")).Path);
    }

    [Fact]
    public async Task Forms_opened_inside_the_window_and_sent_after_it_change_nothing()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInWithCodeAsync(shop);
        var changePassword = await shopper.GetAsync(Manage + "ChangePassword");
        var disable = await shopper.GetAsync(Manage + "Disable2fa");
        var remove = await shopper.GetAsync(Manage + "RemoveMethod?channel=Sms");
        var recoveryCodes = await shopper.GetAsync(Manage + "RecoveryCodes");
        var addPhone = await shopper.GetAsync(Manage + "AddPhone");
        var addEmail = await shopper.GetAsync(Manage + "AddEmail");
        var email = await shopper.GetAsync(Manage + "Email");
        var codesBefore = await RecoveryCodesLeftAsync(shop);

        shop.Time.Advance(PastTheWindow);
        var answers = new[]
        {
            await shopper.SubmitAsync(changePassword, "Update password",
                ("Input.OldPassword", Journeys.Password), ("Input.NewPassword", "Attacker-Pass-77"), ("Input.ConfirmPassword", "Attacker-Pass-77")),
            await shopper.SubmitAsync(disable, "Turn off two-factor authentication", ("Password", Journeys.Password)),
            await shopper.SubmitAsync(remove, "Remove", ("Password", Journeys.Password)),
            await shopper.SubmitAsync(recoveryCodes, "Make new recovery codes", ("Password", Journeys.Password)),
            await shopper.SubmitAsync(addPhone, "Send code", ("Phone number", "+44 20 7946 0958")),
            await shopper.SubmitAsync(addEmail, "Send code", ("Email address", "attacker@example.net")),
            await shopper.SubmitAsync(email, "Change email", ("Input.NewEmail", "attacker@example.net")),
        };

        Assert.All(answers, a => Assert.Equal(StepUpPath, a.Path));
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(Email))!;
        Assert.True(await users.CheckPasswordAsync(user, Journeys.Password));
        Assert.True(await users.GetTwoFactorEnabledAsync(user));
        Assert.Equal(Phone, await users.GetPhoneNumberAsync(user));
        Assert.Equal(codesBefore, await users.CountRecoveryCodesAsync(user));
        Assert.Equal(0, await DevInbox.CountToAsync(shopper, NewPhone));
        Assert.Equal(0, await DevInbox.CountToAsync(shopper, "attacker@example.net"));
        figures.Set("reauthentication.stale_posts_refused", answers.Length);
    }

    [Fact]
    public async Task Inside_the_window_the_password_changes_at_once()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInWithCodeAsync(shop);
        shop.Time.Advance(TimeSpan.FromMinutes(9));

        var changed = await ChangePasswordAsync(shopper, "Another-Pass-42");

        Assert.Contains("Your password has been changed.", changed.Statuses);
    }

    [Fact]
    public async Task A_trusted_device_session_enters_a_code_to_change_the_password_and_the_device_stays_trusted()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone), trustDevice: true);
        await shopper.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await shopper.SignInWithoutSecondFactorAsync(Email);

        // Signed in a moment ago, but the trusted device skipped the code: that is not a recent second factor.
        var back = await StepUpAsync(shopper, Manage + "ChangePassword");
        Assert.Equal(Manage + "ChangePassword", back.Path);

        // The step-up kept the device trusted: the next sign-in skips the code, and is not recent either.
        await shopper.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await shopper.SignInWithoutSecondFactorAsync(Email);
        back = await StepUpAsync(shopper, Manage + "ChangePassword");
        var changed = await shopper.SubmitAsync(back, "Update password",
            ("Input.OldPassword", Journeys.Password), ("Input.NewPassword", "Another-Pass-42"), ("Input.ConfirmPassword", "Another-Pass-42"));
        Assert.Contains("Your password has been changed.", changed.Statuses);
    }

    [Fact]
    public async Task The_step_up_offers_the_ways_to_get_a_code_before_its_field_until_one_is_sent()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInWithCodeAsync(shop);
        shop.Time.Advance(PastTheWindow);

        var stepUp = await shopper.GetAsync(Manage + "ChangePassword");

        Assert.Equal(StepUpPath, stepUp.Path);
        Assert.Contains("Choose where we send the code, then enter it below.", stepUp.FlatText);
        Assert.True(Precedes(stepUp, "#send-heading", "#Code"));
        var sent = await shopper.SendStepUpCodeByTextAsync(stepUp);
        Assert.Equal("We sent a code by text message to •••• 0000.", sent.Document.GetElementById("code-destination")!.TextContent.Trim());
        Assert.True(Precedes(sent, "#Code", "#send-heading"));
        Assert.DoesNotContain("Choose where we send the code", sent.FlatText);
    }

    /// <summary>Whether the element <paramref name="first"/> finds comes before the one <paramref name="second"/> finds, in the page's order (what a screen reader and the tab key follow).</summary>
    private static bool Precedes(Page page, string first, string second)
    {
        var all = page.Document.All.ToList();
        return all.IndexOf(page.Document.QuerySelector(first)!) < all.IndexOf(page.Document.QuerySelector(second)!);
    }

    private static async Task<Page> StepUpAsync(Shopper shopper, string path)
    {
        var stepUp = await shopper.GetAsync(path);
        Assert.Equal(StepUpPath, stepUp.Path);
        var sent = await shopper.SendStepUpCodeByTextAsync(stepUp);
        Assert.Contains("We sent a code by text message to •••• 0000.", sent.Text);
        return await shopper.SubmitAsync(sent, "Verify", ("Code", await DevInbox.LatestCodeAsync(shopper, Phone)));
    }

    [Fact]
    public async Task A_wrong_step_up_code_changes_nothing_and_counts_as_a_failed_attempt()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInWithCodeAsync(shop);
        shop.Time.Advance(PastTheWindow);
        var stepUp = await shopper.GetAsync(Manage + "Disable2fa");
        var sent = await shopper.SendStepUpCodeByTextAsync(stepUp);
        var code = await DevInbox.LatestCodeAsync(shopper, Phone);

        var wrong = await shopper.SubmitAsync(sent, "Verify", ("Code", WrongCode.For(code)));

        Assert.Equal(StepUpPath, wrong.Path);
        Assert.NotEmpty(wrong.Alerts);
        Assert.Equal(StepUpPath, (await shopper.GetAsync(Manage + "Disable2fa")).Path);
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal(1, await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(Email))!));
    }

    [Fact]
    public async Task An_account_without_a_second_factor_signs_in_again_with_its_password_to_enrol_after_the_window()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        using var shopper = shop.NewShopper();
        await shopper.SignInWithoutSecondFactorAsync(Email);
        Assert.Equal(Manage + "AddPhone", (await shopper.GetAsync(Manage + "AddPhone")).Path);

        shop.Time.Advance(PastTheWindow);
        var stepUp = await shopper.GetAsync(Manage + "AddPhone");
        Assert.Equal(StepUpPath, stepUp.Path);
        Assert.Equal("Sign in again", stepUp.Heading);
        var login = await shopper.SubmitAsync(stepUp, "Sign in again");
        Assert.Equal("/Identity/Account/Login", login.Path);
        var back = await shopper.PasswordStepAsync(Email, Journeys.Password, returnUrl: Manage + "AddPhone");
        Assert.Equal(Manage + "AddPhone", back.Path);
    }

    [Fact]
    public async Task The_token_api_refuses_factor_changes_with_a_stale_or_refreshed_token_until_the_app_signs_in_with_a_code()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());
        var tokens = await SignInWithCodeAsync(app, reader);
        Assert.Equal(202, (await app.PostAuthorizedAsync("/api/auth/phone/code", new { phone = "+44 20 7946 0958" }, Access(tokens))).Status);

        shop.Time.Advance(PastTheWindow);
        var refreshed = (await app.PostAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() })).Body;
        foreach (var token in new[] { Access(tokens), Access(refreshed) })
        {
            foreach (var (path, body) in FactorChanges())
            {
                var (status, problem) = await app.PostAuthorizedAsync(path, body, token);
                Assert.Equal(403, status);
                Assert.Equal("urn:identitytfa:problem:second-factor-required", problem.GetProperty("type").GetString());
                Assert.Equal("Sign in again with a code.", problem.GetProperty("title").GetString());
            }
        }

        var fresh = await SignInWithCodeAsync(app, reader);
        Assert.Equal(202, (await app.PostAuthorizedAsync("/api/auth/email/code", new { email = "jane.work@example.com" }, Access(fresh))).Status);
        figures.Set("reauthentication.api_endpoints_guarded", FactorChanges().Count());
    }

    [Fact]
    public async Task A_password_only_token_enrols_the_first_factor_and_nothing_after_it()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());
        var passwordOnly = Access((await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password })).Body);
        Assert.Equal(202, (await app.PostAuthorizedAsync("/api/auth/phone/code", new { phone = "(650) 253-0000" }, passwordOnly)).Status);
        var code = await DevInbox.LatestCodeAsync(reader, Phone);
        Assert.Equal(204, (await app.PostAuthorizedAsync("/api/auth/phone", new { phone = "(650) 253-0000", code }, passwordOnly)).Status);

        // The account now has a second factor: the password-only token no longer changes anything.
        var (status, problem) = await app.PostAuthorizedAsync("/api/auth/email/code", new { email = "attacker@example.net" }, passwordOnly);
        Assert.Equal(403, status);
        Assert.Equal("urn:identitytfa:problem:second-factor-required", problem.GetProperty("type").GetString());
        Assert.Equal(403, (await app.PostAuthorizedAsync("/api/auth/2fa/disable", new { password = Journeys.Password }, passwordOnly)).Status);
        Assert.Equal(0, await DevInbox.CountToAsync(reader, "attacker@example.net"));
    }

    [Fact]
    public async Task A_stale_password_only_token_of_an_account_without_a_second_factor_must_sign_in_again()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        var app = new TokenApiClient(shop.CreateClient());
        var passwordOnly = Access((await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password })).Body);

        shop.Time.Advance(PastTheWindow);
        var (status, problem) = await app.PostAuthorizedAsync("/api/auth/phone/code", new { phone = "(650) 253-0000" }, passwordOnly);

        Assert.Equal(403, status);
        Assert.Equal("urn:identitytfa:problem:password-required", problem.GetProperty("type").GetString());
    }

    private static IEnumerable<(string Path, object Body)> FactorChanges() =>
    [
        ("/api/auth/phone/code", new { phone = "+44 20 7946 0958" }),
        ("/api/auth/phone", new { phone = "+44 20 7946 0958", code = "123456" }),
        ("/api/auth/email/code", new { email = "attacker@example.net" }),
        ("/api/auth/email", new { email = "attacker@example.net", code = "123456" }),
        ("/api/auth/2fa/disable", new { password = Journeys.Password }),
    ];

    private static string Access(JsonElement tokens) => tokens.GetProperty("accessToken").GetString()!;

    private static async Task<JsonElement> SignInWithCodeAsync(TokenApiClient app, Shopper reader)
    {
        var challenge = (await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password })).Body;
        var code = await DevInbox.LatestCodeAsync(reader, Phone);
        var (status, tokens) = await app.PostAsync("/api/auth/token", new { challengeId = challenge.GetProperty("challengeId").GetString(), code });
        Assert.Equal(200, status);
        return tokens;
    }

    private static async Task<Shopper> SignedInWithCodeAsync(ShopFactory shop)
    {
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var shopper = shop.NewShopper();
        await shopper.SignInWithCodeAsync(shop, Email);
        return shopper;
    }

    private static async Task<Page> ChangePasswordAsync(Shopper shopper, string newPassword) =>
        await shopper.SubmitAsync(await shopper.GetAsync(Manage + "ChangePassword"), "Update password",
            ("Input.OldPassword", Journeys.Password), ("Input.NewPassword", newPassword), ("Input.ConfirmPassword", newPassword));

    private static async Task<int> RecoveryCodesLeftAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(Email))!);
    }
}
