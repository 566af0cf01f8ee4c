using IdentityTfa.Audit;
using static IdentityTfa.IntegrationTests.Support.PasskeySteps;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Signing in with a passkey alone (no password), behind the site policy's "Customers may sign in with a passkey alone"
/// (off by default). The browser is played by <see cref="SoftAuthenticator"/>.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class PasswordlessPasskeyTests
{
    private const string LoginPage = "/Identity/Account/Login";
    private const string PasskeysPage = "/Identity/Account/Manage/Passkeys";
    private const string Button = "Sign in with a passkey";
    private const string Switch = "Customers may sign in with a passkey alone";

    [Fact]
    public async Task With_the_switch_off_the_sign_in_page_offers_no_passkey_and_its_handlers_answer_404()
    {
        await using var shop = new ShopFactory();
        using var authenticator = new SoftAuthenticator();
        var userId = await JaneWithPasskeyAsync(shop, authenticator);
        using var shopper = shop.NewShopper();

        var login = await shopper.GetAsync(LoginPage);
        Assert.False(login.HasButton(Button));
        Assert.Null(login.Document.QuerySelector("#passkey-sign-in"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await PostStatusAsync(shopper, login, LoginPage + "?handler=PasskeyOptions"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await PostStatusAsync(shopper, login, LoginPage + "?handler=Passkey",
            ("credential", authenticator.Get("{\"challenge\":\"AAAA\"}", userId))));
        await AssertNotSignedInAsync(shop, shopper);
    }

    [Fact]
    public async Task With_the_switch_on_a_customer_signs_in_with_a_passkey_alone_as_a_full_two_factor_sign_in()
    {
        await using var shop = await PasswordlessShopAsync();
        using var authenticator = new SoftAuthenticator();
        var userId = await JaneWithPasskeyAsync(shop, authenticator);
        using var shopper = shop.NewShopper();

        var login = await shopper.GetAsync(LoginPage);
        Assert.True(login.HasButton(Button));
        var options = await PostForJsonAsync(shopper, login, "#passkey-sign-in");
        // A discoverable credential: the request names no account's passkeys.
        Assert.DoesNotContain("allowCredentials\":[{", options);
        var signedIn = await shopper.SubmitAsync(login, Button, ("credential", authenticator.Get(options, userId)));

        Assert.Equal("/", signedIn.Path);
        // A second factor just given: the settings that need a recent one open without a step-up.
        var settings = await shopper.GetAsync(PasskeysPage);
        Assert.Equal(PasskeysPage, settings.Path);
        Assert.Equal("Passkeys", settings.Heading);
        Assert.Equal("passkey.used:signed in with passkey alone (passwordless)", await LastAuditAsync(shop, AuditEventTypes.PasskeyUsed));
        Assert.Equal("account.signed_in:amr=mfa", await LastAuditAsync(shop, AuditEventTypes.SignedIn));

        // The answer is good for one request only.
        await shopper.SignOutAsync();
        var again = await shopper.GetAsync(LoginPage);
        var replay = await shopper.SubmitAsync(again, Button, ("credential", authenticator.Get(options, userId)));
        Assert.Equal(LoginPage, replay.Path);
        Assert.NotEqual(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);
    }

    [Fact]
    public async Task A_refused_assertion_does_not_sign_in_and_counts_against_the_passkeys_account()
    {
        await using var shop = await PasswordlessShopAsync();
        using var authenticator = new SoftAuthenticator();
        var userId = await JaneWithPasskeyAsync(shop, authenticator);
        using var shopper = shop.NewShopper();

        // Signed for another site (a phishing page relaying the request): the origin does not match.
        var login = await shopper.GetAsync(LoginPage);
        var phished = authenticator.Get(await PostForJsonAsync(shopper, login, "#passkey-sign-in"), userId, origin: "https://evil.example");
        var refused = await shopper.SubmitAsync(login, Button, ("credential", phished));

        Assert.Equal(LoginPage, refused.Path);
        Assert.Contains("The passkey was not accepted. Try again, or sign in with your password.", refused.Alerts);
        Assert.Equal(1, await AccessFailedCountAsync(shop, Email));
        await AssertNotSignedInAsync(shop, shopper);
        Assert.True(await AuditCountAsync(shop, AuditEventTypes.PasskeyRefused) >= 1);
    }

    [Fact]
    public async Task A_locked_account_is_sent_to_the_lockout_page_and_not_signed_in()
    {
        await using var shop = await PasswordlessShopAsync();
        using var authenticator = new SoftAuthenticator();
        var userId = await JaneWithPasskeyAsync(shop, authenticator);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(Email))!, shop.Time.GetUtcNow().AddHours(1));
        }

        using var shopper = shop.NewShopper();
        var login = await shopper.GetAsync(LoginPage);
        var answer = await SignInWithPasskeyAsync(shopper, login, authenticator, userId);

        Assert.Equal("/Identity/Account/Lockout", answer.Path);
        await AssertNotSignedInAsync(shop, shopper);
    }

    [Fact]
    public async Task A_member_of_a_role_whose_rule_does_not_count_passkeys_is_sent_to_the_password()
    {
        // Support's rule counts the authenticator app only.
        await using var shop = await PasswordlessShopAsync(("Add a role", "Support"), ("Authenticator app (new role)", "true"));

        using var authenticator = new SoftAuthenticator();
        var userId = await JaneWithPasskeyAsync(shop, authenticator);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync("Support"))
            {
                await roles.CreateAsync(new IdentityRole("Support"));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.AddToRoleAsync((await users.FindByEmailAsync(Email))!, "Support");
        }

        using var shopper = shop.NewShopper();
        var login = await shopper.GetAsync(LoginPage);
        var answer = await SignInWithPasskeyAsync(shopper, login, authenticator, userId);

        Assert.Equal(LoginPage, answer.Path);
        Assert.Contains("Your account must sign in with its password and a method of its role. Enter your email and password.", answer.Alerts);
        Assert.NotNull(answer.Document.QuerySelector("#Input_Password"));
        await AssertNotSignedInAsync(shop, shopper);
    }

    [Fact]
    public async Task The_passkey_sign_in_requests_without_the_antiforgery_token_are_refused()
    {
        await using var shop = await PasswordlessShopAsync();
        using var authenticator = new SoftAuthenticator();
        var userId = await JaneWithPasskeyAsync(shop, authenticator);
        using var shopper = shop.NewShopper();
        var login = await shopper.GetAsync(LoginPage);
        var options = await PostForJsonAsync(shopper, login, "#passkey-sign-in");

        var optionsWithout = await shopper.Client.PostAsync(new Uri(login.Url, LoginPage + "?handler=PasskeyOptions"), new FormUrlEncodedContent([]));
        var answerWithout = await shopper.Client.PostAsync(new Uri(login.Url, LoginPage + "?handler=Passkey"),
            new FormUrlEncodedContent([new("credential", authenticator.Get(options, userId))]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, optionsWithout.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answerWithout.StatusCode);
        await AssertNotSignedInAsync(shop, shopper);
    }

    /// <summary>Jane's account, with email codes and the authenticator's passkey; returns her user id.</summary>
    private static async Task<string> JaneWithPasskeyAsync(ShopFactory shop, SoftAuthenticator authenticator)
    {
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        return await AddPasskeyAsync(shop, Email, authenticator);
    }

    /// <summary>Asks for a request on the sign-in page and answers it with the authenticator's passkey.</summary>
    private static async Task<Page> SignInWithPasskeyAsync(Shopper shopper, Page login, SoftAuthenticator authenticator, string userId) =>
        await shopper.SubmitAsync(login, Button, ("credential", authenticator.Get(await PostForJsonAsync(shopper, login, "#passkey-sign-in"), userId)));

    /// <summary>The shopper is not signed in (the settings need a sign-in) and no passkey was used.</summary>
    private static async Task AssertNotSignedInAsync(ShopFactory shop, Shopper shopper)
    {
        Assert.NotEqual(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
    }

    // The admin turns the switch on, on the policy page.
    private static async Task<ShopFactory> PasswordlessShopAsync(params (string Field, string Value)[] more)
    {
        var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        var saved = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", [(Switch, "true"), .. more]);
        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
        Assert.Contains("\"PasswordlessPasskeys\":true", await LastAuditAsync(shop, AuditEventTypes.PolicyChanged, newValue: true));
        return shop;
    }

    private static async Task<string> LastAuditAsync(ShopFactory shop, string type, bool newValue = false)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>()
            .Where(a => a.Type == type).OrderByDescending(a => a.Id).FirstAsync();
        return newValue ? row.NewValue ?? string.Empty : $"{row.Type}:{row.Detail}";
    }
}
