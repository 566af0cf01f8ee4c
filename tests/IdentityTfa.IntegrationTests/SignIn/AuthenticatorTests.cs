using IdentityTfa.Authenticator;
using IdentityTfa.IntegrationTests.Api;

namespace IdentityTfa.IntegrationTests.SignIn;

/// <summary>The authenticator app (TOTP) as a second factor: enrolment, sign-in, codes accepted once, and the same limits as texts.</summary>
public class AuthenticatorTests
{
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_customer_adds_an_authenticator_app_from_the_QR_page_and_signs_in_with_its_code()
    {
        await using var shop = new ShopFactory();
        using var jane = shop.NewShopper();
        await jane.RegisterAsync(Email);
        await jane.SignInWithoutSecondFactorAsync(Email);

        var settings = await jane.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        var enrol = await jane.GetAsync(settings.Document.QuerySelector("a#add-authenticator")!.GetAttribute("href")!);
        Assert.Equal("Add an authenticator app", enrol.Heading);
        var grouped = enrol.Document.QuerySelector("#authenticator-key")!.TextContent.Trim();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", grouped);
        var key = grouped.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

        // On the phone that holds the app, a link opens it with the same key.
        var appLink = enrol.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Open in your authenticator app").GetAttribute("href")!;
        Assert.StartsWith("otpauth://totp/", appLink, StringComparison.Ordinal);
        Assert.Contains($"secret={key}&", appLink, StringComparison.OrdinalIgnoreCase);

        // The QR code is a PNG from the page (the CSP allows no data: address), never kept by a cache.
        var qrPath = enrol.Document.QuerySelector("img#authenticator-qr")!.GetAttribute("src")!;
        using var qr = await jane.Client.GetAsync(qrPath);
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.True(qr.Headers.CacheControl?.NoStore);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);

        var wrong = await jane.SubmitAsync(enrol, "Verify", ("Enter the 6-digit code your app shows", "000000" == Totp(key, shop) ? "111111" : "000000"));
        Assert.Contains("That code is not right.", wrong.Alerts);

        var code = Totp(key, shop);
        var done = await jane.SubmitAsync(wrong, "Verify", ("Enter the 6-digit code your app shows", code));
        Assert.Equal("/Identity/Account/Manage/RecoveryCodes", done.Path);
        settings = await jane.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Contains("Authenticator app", settings.Document.QuerySelector("#methods")!.TextContent);
        await jane.SignOutAsync();

        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal(VerifyPath, verify.Path);
        Assert.Equal("Open your authenticator app", verify.Heading);
        Assert.False(verify.HasButton("Send new code"));
        Assert.DoesNotContain("There is no way to send you a code", verify.FlatText);
        // The code that turned the app on is used.
        var reused = await jane.EnterCodeAsync(verify, code);
        Assert.Equal(VerifyPath, reused.Path);

        shop.Time.Advance(Step);
        var home = await jane.EnterCodeAsync(reused, Totp(key, shop));
        Assert.Equal("/", home.Path);
    }

    [Fact]
    public async Task The_chooser_lists_the_authenticator_first_and_opens_with_the_preferred_method()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        await EnrolAuthenticatorAsync(shop, Email);
        using var jane = shop.NewShopper();

        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);

        // Text messages were on first, so they stay preferred: the code went by text; the app is offered first among the others.
        Assert.Equal("Check your phone", verify.Heading);
        var choices = verify.ButtonTexts().ToList();
        Assert.True(choices.IndexOf("Use your authenticator app") >= 0, string.Join(" | ", choices));
        var app = await jane.SubmitAsync(verify, "Use your authenticator app");
        Assert.Equal("Open your authenticator app", app.Heading);
        Assert.Contains("Enter the code your authenticator app shows for this account.", app.Text);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Twenty_parallel_requests_with_the_same_right_authenticator_code_sign_in_exactly_once(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = database.Shop(new() { ["IdentityTfa:VerifyRate"] = "1000/1m" });
        await shop.CreateAccountAsync(Email, null);
        var key = await EnrolAuthenticatorAsync(shop, Email);
        shop.Time.Advance(Step);
        using var attacker = shop.NewShopper();
        var verify = await attacker.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal("Open your authenticator app", verify.Heading);
        var code = Totp(key, shop);

        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => attacker.EnterCodeAsync(verify, code)));

        Assert.All(pages, p => Assert.True(p.Status < 500, $"HTTP {p.Status}"));
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(a => a.Type == "account.signed_in"));
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(a => a.Type == "code.verified" && a.Channel == "Authenticator"));

        // And the same code in a new sign-in, within its time window, is refused (after the lockout the 19 failures may
        // have earned is lifted, so that the answer is about the code).
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var jane = (await users.FindByEmailAsync(Email))!;
        await users.SetLockoutEndDateAsync(jane, null);
        await users.ResetAccessFailedCountAsync(jane);
        using var again = shop.NewShopper();
        var second = await again.PasswordStepAsync(Email, Journeys.Password);
        var replay = await again.EnterCodeAsync(second, code);
        Assert.Equal(VerifyPath, replay.Path);
        Assert.Contains("That code is not right.", replay.Alerts);
    }

    [Fact]
    public async Task Wrong_authenticator_codes_exhaust_the_same_attempt_limit_as_text_codes_and_are_audited()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:VerifyRate"] = "1000/1m" });
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var key = await EnrolAuthenticatorAsync(shop, Email, preferred: true);
        shop.Time.Advance(Step);
        using var attacker = shop.NewShopper();
        var verify = await attacker.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal("Open your authenticator app", verify.Heading);
        var right = Totp(key, shop);
        var wrong = WrongCode.For(right);
        int maxAttempts;
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            maxAttempts = (await scope.ServiceProvider.GetRequiredService<IdentityTfa.Policy.ISitePolicyStore>().GetAsync()).Options.Policies.SignIn.MaxAttempts;
        }

        var page = verify;
        for (var i = 1; i < maxAttempts; i++)
        {
            page = await attacker.EnterCodeAsync(page, wrong);
            Assert.Contains($"That code is not right. You have {maxAttempts - i} attempt", page.Alerts);
        }

        // The last wrong code locks the account, and its screen has no code field: the right code is posted with the one before.
        var lastOpen = page;
        page = await attacker.EnterCodeAsync(page, wrong);
        Assert.Equal("Account locked", page.Heading);
        var refused = await attacker.EnterCodeAsync(lastOpen, right);

        Assert.Equal(VerifyPath, refused.Path);
        await using var check = shop.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ShopDbContext>();
        var challenge = await db.Set<TwoFactorChallenge>().AsNoTracking().OrderByDescending(c => c.CreatedAt).FirstAsync();
        Assert.Equal(DeliveryChannel.Authenticator, challenge.Channel);
        Assert.Equal(maxAttempts, challenge.Attempts);
        Assert.Equal(maxAttempts - 1, await db.Set<AuditEvent>().CountAsync(a => a.Type == "code.rejected" && a.Channel == "Authenticator"));
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(a => a.Type == "code.attempts_exhausted" && a.Channel == "Authenticator"));
        Assert.Equal(0, await db.Set<AuditEvent>().CountAsync(a => a.Type == "account.signed_in"));
    }

    [Fact]
    public async Task The_token_API_lists_the_authenticator_and_signs_in_with_its_code_in_the_code_field()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var key = await EnrolAuthenticatorAsync(shop, Email);
        shop.Time.Advance(Step);
        var app = new TokenApiClient(shop.CreateClient());

        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        var channels = challenge.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("channel").GetString()).ToList();
        Assert.Contains("Authenticator", channels);
        var challengeId = challenge.GetProperty("challengeId").GetString();
        var (resendStatus, switched) = await app.PostAsync("/api/auth/code", new { challengeId, channel = "Authenticator" });
        Assert.Equal(401, resendStatus);
        Assert.Equal("Authenticator", switched.GetProperty("channel").GetString());

        var (status, tokens) = await app.PostAsync("/api/auth/token", new { challengeId = switched.GetProperty("challengeId").GetString(), code = Totp(key, shop) });

        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task The_admin_sees_the_authenticator_among_the_methods_and_removes_it_with_an_audit_row()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        await EnrolAuthenticatorAsync(shop, Email);
        using var admin = await shop.SignedInAdminAsync();
        var list = await admin.GetAsync($"/Admin/Customers?Search={Uri.EscapeDataString(Email)}");
        var details = await admin.GetAsync(list.Document.QuerySelectorAll("table a").Single(a => a.TextContent == Email).GetAttribute("href")!);
        Assert.Contains("Authenticator app", details.Document.QuerySelector("#customer-methods")!.TextContent);

        var removed = await admin.SubmitAsync(details, "Remove Authenticator app");

        Assert.Contains("Authenticator app was removed from jane@example.com.", removed.FlatText);
        Assert.DoesNotContain("Authenticator app", removed.Document.QuerySelector("#customer-methods")!.TextContent);
        await using var scope = shop.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>();
        Assert.Equal(1, await audit.CountAsync(a => a.Type == "method.removed" && a.Channel == "Authenticator"));
        Assert.Equal(1, await audit.CountAsync(a => a.Type == "admin.action" && a.Detail == "removed the method Authenticator" && a.ActorId != null));
    }

    private static string Totp(string key, ShopFactory shop) => AuthenticatorCodes.Compute(key, shop.Time.GetUtcNow());

    /// <summary>Turns the app on as the enrolment page does, with a first code; returns the key.</summary>
    private static async Task<string> EnrolAuthenticatorAsync(ShopFactory shop, string email, bool preferred = false)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var methods = scope.ServiceProvider.GetRequiredService<IdentityTfa.Methods.ITwoFactorMethodManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var key = await methods.GetAuthenticatorKeyAsync(user);
        Assert.True(await methods.EnableAuthenticatorAsync(user, AuthenticatorCodes.Compute(key, shop.Time.GetUtcNow())));
        if (preferred)
        {
            Assert.True(await methods.SetPreferredAsync(user, DeliveryChannel.Authenticator));
        }

        return key;
    }

    [Fact]
    public async Task The_personal_data_download_does_not_hand_out_the_authenticator_key()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        var key = await shop.EnableAuthenticatorAsync(Email);
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        await jane.EnterCodeAsync(verify, shop.AuthenticatorCode(key));

        var page = await jane.GetAsync("/Identity/Account/Manage/PersonalData");
        var form = page.FormWithButton("Download");
        using var download = await jane.Client.PostAsync(new Uri(page.Url, form.GetAttribute("action")), new FormUrlEncodedContent(
            form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))));

        var json = await download.Content.ReadAsStringAsync();
        Assert.Contains(Email, json, StringComparison.Ordinal);
        Assert.DoesNotContain(key, json, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_key_once_shown_is_not_shown_again_after_two_factor_sign_in_is_turned_off_or_reset(bool byAdmin)
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        var key = await shop.EnableAuthenticatorAsync(Email);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            if (byAdmin)
            {
                await scope.ServiceProvider.GetRequiredService<IdentityTfa.Administration.ITwoFactorAdministration<IdentityUser>>().ResetAsync(user, "admin-id");
            }
            else
            {
                await scope.ServiceProvider.GetRequiredService<IdentityTfa.Methods.ITwoFactorMethodManager<IdentityUser>>().DisableAsync(user);
            }
        }

        using var jane = shop.NewShopper();
        await jane.SignInWithoutSecondFactorAsync(Email);
        var enrol = await jane.GetAsync("/Identity/Account/Manage/EnableAuthenticator");

        var shown = enrol.Document.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        Assert.NotEqual(key, shown, StringComparer.OrdinalIgnoreCase);
    }

}
