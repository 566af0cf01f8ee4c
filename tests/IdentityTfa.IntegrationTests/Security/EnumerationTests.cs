using System.Buffers.Binary;
using System.Collections.Concurrent;
using IdentityTfa.IntegrationTests.Api;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Enumeration by time: an unknown email must cost what a wrong password costs. Time is measured in the benchmark, never
/// in a test; here the work is counted instead: one password check each, against hashes of the same algorithm and
/// iteration count, so that no answer comes back sooner for an email that has no account. Enumeration by answer: every
/// page and endpoint that takes an email answers a known one exactly as an unknown one (ASVS 5.0 V6.3.8).
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class EnumerationTests(SecurityFigures figures)
{
    private const string Unknown = "nobody@example.com";
    private const string Compared = "enumeration answers compared (must be identical)";
    private const string Differed = "enumeration answers that differed (must be 0)";

    [Fact]
    public async Task The_token_API_checks_one_password_of_the_same_cost_for_an_unconfirmed_account_as_for_an_unknown_email()
    {
        var checks = new PasswordChecks();
        await using var shop = new ShopFactory { ReplaceServices = checks.Install };
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.CreateAsync(new IdentityUser { UserName = Email, Email = Email }, Journeys.Password)).Succeeded);
        }

        var app = new TokenApiClient(shop.CreateClient());

        checks.Clear();
        var forUnknownAnswer = await app.PostAsync("/api/auth/token", new { email = Unknown, password = Journeys.Password });
        var forUnknown = checks.Take();
        var forUnconfirmedAnswer = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        var forUnconfirmed = checks.Take();

        Assert.Equal(forUnknown, forUnconfirmed);
        Assert.Equal("v3 HMACSHA512 100000 iterations", Assert.Single(forUnconfirmed));
        Assert.Equal((forUnknownAnswer.Status, forUnknownAnswer.Body.ToString()), (forUnconfirmedAnswer.Status, forUnconfirmedAnswer.Body.ToString()));
    }

    [Fact]
    public async Task Registering_with_an_email_that_has_an_account_answers_as_a_new_email_and_tells_the_holder_instead()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();

        var forKnown = await RegisterOnThePageAsync(shop, Email);
        var forUnknown = await RegisterOnThePageAsync(shop, Unknown);

        AssertSameAnswer(forKnown, forUnknown);
        Assert.Contains("Check your email", forKnown);
        var notice = await DevInbox.LatestWithSubjectAsync(reader, Email, "Someone tried to create an account with your email");
        Assert.Contains("No second account was made", notice!.Value.Body);
        Assert.Contains("/Identity/Account/ForgotPassword", notice.Value.Body);
        Assert.Null(await DevInbox.LatestWithSubjectAsync(reader, Email, "Confirm your email"));
        await using var scope = shop.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().Users.CountAsync(u => u.NormalizedEmail == Email.ToUpperInvariant()));
    }

    [Fact]
    public async Task Registering_with_a_phone_and_an_email_that_has_an_account_shows_recovery_codes_as_a_new_account_does()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);

        var forKnown = await RegisterOnThePageWithAPhoneAsync(shop, Email, "650 253 0001", "+16502530001");
        var forUnknown = await RegisterOnThePageWithAPhoneAsync(shop, Unknown, "650 253 0002", "+16502530002");

        AssertSameAnswer(forKnown, forUnknown);
        Assert.Contains("Your recovery codes", forKnown);
    }

    [Fact]
    public async Task The_API_answers_a_registration_with_an_email_that_has_an_account_as_a_new_one()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();

        var forKnown = await RegisterThroughTheApiAsync(shop, reader, Email, "650 253 0001", "+16502530001");
        var forUnknown = await RegisterThroughTheApiAsync(shop, reader, Unknown, "650 253 0002", "+16502530002");

        AssertSameAnswer(forKnown, forUnknown);
        Assert.StartsWith("201 ", forKnown);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(reader, Email, "Someone tried to create an account with your email"));
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal(Phone, (await users.FindByEmailAsync(Email))!.PhoneNumber);
    }

    [Fact]
    public async Task Forgot_password_resend_confirmation_and_the_registration_confirmation_page_answer_a_known_email_as_an_unknown_one()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        const string Unconfirmed = "waiting@example.com";
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.CreateAsync(new IdentityUser { UserName = Unconfirmed, Email = Unconfirmed }, Journeys.Password)).Succeeded);
        }

        foreach (var known in new[] { Email, Unconfirmed })
        {
            AssertSameAnswer(
                await FormAnswerAsync(shop, "/Identity/Account/ForgotPassword", known),
                await FormAnswerAsync(shop, "/Identity/Account/ForgotPassword", Unknown));
            AssertSameAnswer(
                await FormAnswerAsync(shop, "/Identity/Account/ResendEmailConfirmation", known),
                await FormAnswerAsync(shop, "/Identity/Account/ResendEmailConfirmation", Unknown));
            AssertSameAnswer(
                await PageAnswerAsync(shop, $"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(known)}", known),
                await PageAnswerAsync(shop, $"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(Unknown)}", Unknown));
        }
    }

    [Fact]
    public async Task The_registration_confirmation_page_shows_no_link_for_a_known_email_even_without_a_mail_sender()
    {
        // Identity UI's stand-in sender (an app that sends no mail) is what made the page look the address up.
        var noOpSender = typeof(Microsoft.AspNetCore.Identity.UI.Services.IEmailSender).Assembly
            .GetType("Microsoft.AspNetCore.Identity.UI.Services.NoOpEmailSender", throwOnError: true)!;
        await using var shop = new ShopFactory
        {
            ReplaceServices = services =>
            {
                services.RemoveAll<Microsoft.AspNetCore.Identity.UI.Services.IEmailSender>();
                services.AddTransient(typeof(Microsoft.AspNetCore.Identity.UI.Services.IEmailSender), noOpSender);
            },
        };
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.CreateAsync(new IdentityUser { UserName = Email, Email = Email }, Journeys.Password)).Succeeded);
        }

        var forKnown = await PageAnswerAsync(shop, $"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(Email)}", Email);
        var forUnknown = await PageAnswerAsync(shop, $"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(Unknown)}", Unknown);

        AssertSameAnswer(forKnown, forUnknown);
        Assert.DoesNotContain("ConfirmEmail", forKnown);
    }

    [Fact]
    public async Task Adding_an_email_that_another_account_holds_answers_as_a_free_one_sends_it_nothing_and_refuses_every_code()
    {
        await using var shop = new ShopFactory();
        const string Taken = "taken@example.com";
        const string Free = "free@example.com";
        await shop.CreateAccountAsync(Taken, null);
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        var sentToFree = await Answers.PostFormAsync(shopper, "/Identity/Account/Manage/AddEmail?handler=Send", ("Email", Free));
        var sentToTaken = await Answers.PostFormAsync(shopper, "/Identity/Account/Manage/AddEmail?handler=Send", ("Email", Taken));
        AssertSameAnswer(await Answers.ReadAsync(sentToFree, Free), await Answers.ReadAsync(sentToTaken, Taken));
        Assert.Contains($"We sent a code to {Free}.", await sentToFree.Content.ReadAsStringAsync());

        var code = await DevInbox.LatestCodeAsync(shopper, Free);
        var wrong = WrongCode.For(code);
        var wrongForFree = await Answers.PostFormAsync(shopper, "/Identity/Account/Manage/AddEmail?handler=Verify", ("PendingEmail", Free), ("Code", wrong));
        var wrongForTaken = await Answers.PostFormAsync(shopper, "/Identity/Account/Manage/AddEmail?handler=Verify", ("PendingEmail", Taken), ("Code", wrong));
        AssertSameAnswer(await Answers.ReadAsync(wrongForFree, Free), await Answers.ReadAsync(wrongForTaken, Taken));
        Assert.Contains("That code is not right. You have 4 attempts left.", await wrongForTaken.Content.ReadAsStringAsync());
        Assert.Equal(0, await DevInbox.CountToAsync(shopper, Taken));
    }

    [Fact]
    public async Task A_link_in_mail_starts_with_the_configured_public_address_whatever_Host_the_request_names()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:PublicBaseUrl"] = "https://tea.example.com/", ["AllowedHosts"] = "*" });
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var attacker = shop.NewShopper();
        attacker.Client.DefaultRequestHeaders.Host = "evil.example";

        var requested = await Answers.PostFormAsync(attacker, "/Identity/Account/ForgotPassword", ("Input.Email", Email));
        Assert.Equal(200, (int)requested.StatusCode);
        await RegisterOnThePageAsync(shop, Unknown, attacker);

        using var reader = shop.NewShopper();
        Assert.StartsWith("https://tea.example.com/Identity/Account/ResetPassword?", await DevInbox.LatestLinkAsync(reader, Email));
        Assert.StartsWith("https://tea.example.com/Identity/Account/ConfirmEmail?", await DevInbox.LatestLinkAsync(reader, Unknown));
    }

    [Fact]
    public async Task The_shipped_settings_refuse_a_request_for_a_host_the_shop_does_not_serve()
    {
        await using var shop = new ShopFactory();
        using var attacker = shop.NewShopper();
        attacker.Client.DefaultRequestHeaders.Host = "evil.example";

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, await attacker.StatusOfAsync("/Identity/Account/ForgotPassword"));
    }

    private void AssertSameAnswer(string forKnown, string forUnknown)
    {
        figures.Add(Compared, 1);
        figures.Add(Differed, forKnown == forUnknown ? 0 : 1);
        Assert.Equal(forUnknown, forKnown);
    }

    private static async Task<string> RegisterOnThePageAsync(ShopFactory shop, string email, Shopper? browser = null)
    {
        using var fresh = browser is null ? shop.NewShopper() : null;
        var response = await Answers.PostFormAsync(browser ?? fresh!, "/Identity/Account/Register",
            ("Input.Email", email), ("Input.Password", Journeys.Password), ("Input.ConfirmPassword", Journeys.Password), ("Input.Phone", ""), ("Input.Code", ""));
        return await Answers.ReadAsync(response, email);
    }

    private static async Task<string> RegisterOnThePageWithAPhoneAsync(ShopFactory shop, string email, string phone, string e164)
    {
        using var browser = shop.NewShopper();
        using var sent = await Answers.PostFormAsync(browser, "/Identity/Account/Register?handler=SendCode", ("Input.Phone", phone));
        Assert.Equal(200, (int)sent.StatusCode);
        var code = await DevInbox.LatestCodeAsync(browser, e164);
        using var response = await Answers.PostFormAsync(browser, "/Identity/Account/Register",
            ("Input.Email", email), ("Input.Password", Journeys.Password), ("Input.ConfirmPassword", Journeys.Password), ("Input.Phone", phone), ("Input.Code", code));
        return (await Answers.ReadAsync(response, email)).Replace(phone, "{phone}", StringComparison.Ordinal).Replace(code, "{code}", StringComparison.Ordinal);
    }

    private static async Task<string> RegisterThroughTheApiAsync(ShopFactory shop, Shopper reader, string email, string phone, string e164)
    {
        using var client = shop.CreateClient();
        var app = new TokenApiClient(client);
        Assert.Equal(202, (await app.PostAsync("/api/auth/register/code", new { phone })).Status);
        var code = await DevInbox.LatestCodeAsync(reader, e164);
        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Journeys.Password, phone, code });
        return (await Answers.ReadAsync(response, email)).Replace(phone, "{phone}", StringComparison.Ordinal);
    }

    private static async Task<string> FormAnswerAsync(ShopFactory shop, string path, string email)
    {
        using var browser = shop.NewShopper();
        using var response = await Answers.PostFormAsync(browser, path, ("Input.Email", email));
        return await Answers.ReadAsync(response, email);
    }

    private static async Task<string> PageAnswerAsync(ShopFactory shop, string path, string email)
    {
        using var browser = shop.NewShopper();
        using var response = await browser.Client.GetAsync(path);
        return await Answers.ReadAsync(response, email);
    }

    [Fact]
    public async Task The_sign_in_page_checks_one_password_of_the_same_cost_for_an_unknown_email_as_for_a_wrong_password()
    {
        var checks = new PasswordChecks();
        await using var shop = new ShopFactory { ReplaceServices = checks.Install };
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();

        checks.Clear();
        await shopper.PasswordStepAsync("nobody@example.com", Journeys.Password);
        var forUnknown = checks.Take();
        await shopper.PasswordStepAsync(Email, "Wrong-Password-1");
        var forWrongPassword = checks.Take();

        Assert.Equal(forWrongPassword, forUnknown);
        Assert.Equal("v3 HMACSHA512 100000 iterations", Assert.Single(forUnknown));
    }

    [Fact]
    public async Task The_token_API_checks_one_password_of_the_same_cost_for_an_unknown_email_as_for_a_wrong_password()
    {
        var checks = new PasswordChecks();
        await using var shop = new ShopFactory { ReplaceServices = checks.Install };
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var app = new TokenApiClient(shop.CreateClient());

        checks.Clear();
        await app.PostAsync("/api/auth/token", new { email = "nobody@example.com", password = Journeys.Password });
        var forUnknown = checks.Take();
        await app.PostAsync("/api/auth/token", new { email = Email, password = "Wrong-Password-1" });
        var forWrongPassword = checks.Take();

        Assert.Equal(forWrongPassword, forUnknown);
        Assert.Single(forUnknown);
    }

    /// <summary>Identity's password hasher, noting what each check costs: the format, the PRF and the iteration count of the hash.</summary>
    private sealed class PasswordChecks
    {
        private readonly ConcurrentQueue<string> _checks = new();

        public void Install(IServiceCollection services)
        {
            services.RemoveAll<IPasswordHasher<IdentityUser>>();
            services.AddScoped<IPasswordHasher<IdentityUser>>(sp => new Counting(
                ActivatorUtilities.CreateInstance<PasswordHasher<IdentityUser>>(sp), this));
        }

        public void Clear() => _checks.Clear();

        public List<string> Take()
        {
            var taken = _checks.ToList();
            _checks.Clear();
            return taken;
        }

        private static string Cost(string hashedPassword)
        {
            var bytes = Convert.FromBase64String(hashedPassword);
            if (bytes[0] != 0x01)
            {
                return $"format {bytes[0]}";
            }

            var prf = (KeyDerivationPrfName)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
            return $"v3 {prf} {BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5))} iterations";
        }

        private enum KeyDerivationPrfName : uint
        {
            HMACSHA1 = 0,
            HMACSHA256 = 1,
            HMACSHA512 = 2,
        }

        private sealed class Counting(PasswordHasher<IdentityUser> inner, PasswordChecks checks) : IPasswordHasher<IdentityUser>
        {
            public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
            {
                checks._checks.Enqueue(Cost(hashedPassword));
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}
