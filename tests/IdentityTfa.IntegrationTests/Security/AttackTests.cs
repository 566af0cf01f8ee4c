using System.Text.RegularExpressions;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>Attacks on the shop; each fails if the rule it attacks breaks.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class AttackTests(SecurityFigures figures)
{
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";

    [Fact]
    public async Task Fifty_parallel_wrong_codes_never_get_more_attempts_than_the_limit()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:VerifyRate"] = "1000/1m" });
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var attacker = shop.NewShopper();
        var (verify, code) = await attacker.PasswordStepAndCodeAsync();
        var guesses = Enumerable.Range(0, 60).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Where(g => g != code).Take(50);

        var pages = await Task.WhenAll(guesses.Select(g => attacker.EnterCodeAsync(verify, g)));

        Assert.All(pages, p => Assert.True(p.Status < 500, $"HTTP {p.Status}"));
        var challenge = await SingleChallengeAsync(shop);
        Assert.True(challenge.Attempts <= challenge.MaxAttempts, $"{challenge.Attempts} attempts");
        Assert.DoesNotContain(pages, p => p.Path == "/");
        Assert.Equal(VerifyPath, (await attacker.EnterCodeAsync(verify, code)).Path);
        figures.Set("race.wrong_codes.attempts_allowed", challenge.Attempts);
        figures.Set("race.wrong_codes.sent", 50);
    }

    [Fact]
    public async Task Twenty_parallel_right_codes_sign_in_exactly_once()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:VerifyRate"] = "1000/1m" });
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var attacker = shop.NewShopper();
        var (verify, code) = await attacker.PasswordStepAndCodeAsync();

        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => attacker.EnterCodeAsync(verify, code)));

        Assert.All(pages, p => Assert.True(p.Status < 500, $"HTTP {p.Status}"));
        await using var scope = shop.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>();
        var verified = await audit.CountAsync(a => a.Type == "code.verified");
        var signIns = await audit.CountAsync(a => a.Type == "account.signed_in");
        Assert.Equal(1, verified);
        Assert.Equal(1, signIns);
        figures.Set("race.right_codes.sign_ins", signIns);
    }

    [Fact]
    public async Task A_phone_verification_code_does_not_pass_the_sign_in_step()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddPhone"), "Send code", ("Phone number", "+44 20 7946 0958"));
        var phoneCode = await DevInbox.LatestCodeAsync(shopper, "+442079460958");
        await shopper.SignOutAsync();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var refused = await shopper.EnterCodeAsync(verify, phoneCode);

        Assert.Equal(VerifyPath, refused.Path);
    }

    [Fact]
    public async Task With_only_the_password_step_done_no_account_page_order_page_or_token_is_reachable()
    {
        await using var shop = new ShopFactory();
        using var attacker = await shop.EnrolledShopperAsync();
        await attacker.PasswordStepAsync(Email, Journeys.Password);

        foreach (var path in new[] { "/Orders", "/Identity/Account/Manage", "/Identity/Account/Manage/TwoFactorAuthentication", "/Admin/Customers" })
        {
            Assert.Equal("/Identity/Account/Login", (await attacker.GetAsync(path)).Path);
        }

        var devices = await attacker.Client.GetAsync("/api/auth/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, devices.StatusCode);
    }

    [Fact]
    public async Task The_partial_sign_in_expires_after_five_minutes()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();

        shop.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await shopper.EnterCodeAsync(verify, code);

        Assert.Equal("/Identity/Account/Login", late.Path);
    }

    [Fact]
    public async Task A_tampered_trust_cookie_asks_for_a_code()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone), trustDevice: true);
        await shopper.SignOutAsync();
        var trust = shopper.Cookies().Single(c => c.Name == "Identity.TwoFactorRememberMe");
        var tampered = new Cookie(trust.Name, trust.Value[..^4] + (trust.Value[^4..] == "AAAA" ? "BBBB" : "AAAA"), trust.Path, trust.Domain);

        using var copy = shop.NewShopper();
        copy.AddCookie(tampered);

        Assert.Equal(VerifyPath, (await copy.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task Cookies_are_HttpOnly_SameSite_and_Secure_over_https()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        using var client = shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var login = Page.Parse(new Uri("https://localhost/Identity/Account/Login"), 200, await client.GetStringAsync("/Identity/Account/Login"));
        var token = login.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = Email, ["Input.Password"] = Journeys.Password, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", string.Join("; ", (await client.GetAsync("/Identity/Account/Login")).Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        using var response = await client.SendAsync(request);

        var identity = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", identity);
        Assert.Contains("secure", identity);
        Assert.Contains("samesite=lax", identity);
    }

    [Theory]
    [InlineData("Email", "<script>alert(1)</script>@example.com")]
    [InlineData("Email", "jäne@exämple.com")]
    [InlineData("Password", "   padded   ")]
    public async Task Hostile_sign_in_input_gets_a_clear_answer_never_a_500_and_is_encoded(string field, string value)
    {
        await using var shop = new ShopFactory();
        using var attacker = shop.NewShopper();
        var login = await attacker.GetAsync("/Identity/Account/Login");

        var answer = await attacker.SubmitAsync(login, "Sign in", ("Email", field == "Email" ? value : Email), ("Password", field == "Password" ? value : "x"));

        Assert.Equal(200, answer.Status);
        Assert.Equal("Invalid email or password.", answer.Alerts);
        Assert.Null(answer.Document.QuerySelector("main script"));
    }

    [Fact]
    public async Task Oversized_and_script_bearing_values_in_every_field_never_give_a_500()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var huge = new string('9', 20_000);
        const string script = "<script>alert(1)</script>";
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password, returnUrl: script);

        var pages = new List<Page>
        {
            await shopper.EnterCodeAsync(verify, huge),
            await shopper.EnterCodeAsync(verify, script),
            await shopper.EnterCodeAsync(verify, "１２３４５６"),
            await shopper.GetAsync("/Identity/Account/Login?returnUrl=" + Uri.EscapeDataString(huge)),
            await shopper.GetAsync("/Admin/Customers?Search=" + Uri.EscapeDataString(script)),
            await shopper.GetAsync("/?added=" + huge),
        };

        Assert.All(pages, p => Assert.True(p.Status is >= 200 and < 500, $"HTTP {p.Status} at {p.Path}"));
        Assert.All(pages, p => Assert.DoesNotContain(script, p.Document.DocumentElement.OuterHtml));
        Assert.Contains("That is too long for a verification code.", pages[0].Text);
    }

    [Fact]
    public async Task Codes_never_appear_in_clear_in_the_database_the_audit_or_the_log()
    {
        await using var shop = new ShopFactory(new()
        {
            ["IdentityTfa:Policies:SignIn:Type"] = "Alphanumeric",
            ["IdentityTfa:Policies:SignIn:Length"] = "12",
            ["IdentityTfa:Policies:PhoneVerification:Type"] = "Alphanumeric",
            ["IdentityTfa:Policies:PhoneVerification:Length"] = "12",
        });
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var body = (await DevInbox.MessagesAsync(shopper)).First(m => m.To == Phone).Body;
        var code = Regex.Match(body, @"\b[0-9A-Z]{12}\b").Value;
        await shopper.EnterCodeAsync(verify, code);

        // The development inbox holds messages in clear by design (Development only); everything else must not.
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<DevInboxMessage>().ExecuteDeleteAsync();
            await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.ExecuteSqlRawAsync("VACUUM");
        }

        Assert.Equal(12, code.Length);
        Assert.DoesNotContain(code, shop.DatabaseText(), StringComparison.Ordinal);
        Assert.DoesNotContain(shop.Logs.Lines, line => line.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sends_to_one_number_stop_at_the_limit_and_countries_outside_the_policy_get_none()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:Policies:PhoneVerification:SendsPerDestination"] = "3/1d", ["IdentityTfa:Policies:PhoneVerification:ResendCooldown"] = "00:00:00" });
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        await shopper.SignInWithoutSecondFactorAsync(Email);

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var page = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddPhone"), "Send code", ("Phone number", "650 253 0000"));
            answers.Add(page.Alerts);
        }

        var brazil = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddPhone"), "Send code", ("Phone number", "+55 11 91234 5678"));

        Assert.Equal(3, await DevInbox.CountToAsync(shopper, Phone));
        Assert.Equal(2, answers.Count(a => a.Contains("Too many codes were sent to this destination.", StringComparison.Ordinal)));
        Assert.Contains("We cannot send codes to phone numbers in this country.", brazil.Alerts);
        await using var scope = shop.Services.CreateAsyncScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().CountAsync(a => a.Type == "code.refused"));
        figures.Set("limits.sends_per_destination.allowed", await DevInbox.CountToAsync(shopper, Phone));
    }

    private static async Task<TwoFactorChallenge> SingleChallengeAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<TwoFactorChallenge>().SingleAsync();
    }
}

/// <summary>Limits that do not fit one page flow.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class LimitTests(SecurityFigures figures)
{
    [Fact]
    public async Task Codes_entered_faster_than_the_verify_rate_are_refused_without_using_up_the_code()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:VerifyRate"] = "2/1m" });
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();
        var wrong = WrongCode.For(code);

        await shopper.EnterCodeAsync(verify, wrong);
        await shopper.EnterCodeAsync(verify, wrong);
        var tooFast = await shopper.EnterCodeAsync(verify, code);
        Assert.Contains("Codes are being entered too fast.", tooFast.Alerts);

        shop.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, code)).Path);
        figures.Set("limits.verify_rate.allowed_per_minute", 2);
    }

    [Fact]
    public async Task Every_state_changing_form_refuses_a_post_without_the_antiforgery_token()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var targets = new[]
        {
            "/Identity/Account/Manage/AddPhone?handler=Send", "/Identity/Account/Manage/AddEmail?handler=Send",
            "/Identity/Account/Manage/RemoveMethod?channel=Sms", "/Identity/Account/Manage/Disable2fa",
            "/Identity/Account/Manage/TrustedDevices?handler=RevokeAll", "/Identity/Account/Manage/RecoveryCodes",
            "/Identity/Account/Manage/TwoFactorAuthentication?handler=Preferred", "/Identity/Account/LoginWith2fa",
            "/Cart?handler=PlaceOrder", "/?handler=Add",
        };

        foreach (var target in targets)
        {
            var page = await shopper.PostAsync(new Uri(shopper.Client.BaseAddress!, target), [new("Password", Journeys.Password)]);
            Assert.True(page.Status == 400, $"{target} answered {page.Status} without a token");
        }

        Assert.Contains("Two-factor sign-in is on.", (await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Text);

        using var admin = await shop.SignedInAdminAsync();
        var customerId = (await admin.GetAsync("/Admin/Customers?Search=jane")).Document.QuerySelector("table a")!.GetAttribute("href")!;
        var adminTargets = new[] { "/Admin/Policy", "/Admin/Providers", customerId + "?handler=Reset" };
        foreach (var target in adminTargets)
        {
            var page = await admin.PostAsync(new Uri(admin.Client.BaseAddress!, target), [new("AllowCustomerTwoFactor", "false")]);
            Assert.True(page.Status == 400, $"{target} answered {page.Status} without a token");
        }

        Assert.Contains("Two-factor sign-in is on.", (await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Text);
        figures.Set("csrf.forms_refused", targets.Length + adminTargets.Length);
    }
}
