using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.IntegrationTests.Support;
using IdentityTfa.Methods;
using IdentityTfa.Shop.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Signing in with a passkey alone (no password), behind the site policy's "Customers may sign in with a passkey alone"
/// (off by default). The browser is played by <see cref="SoftAuthenticator"/>.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class PasswordlessPasskeyTests
{
    private const string Email = "jane@example.com";
    private const string LoginPage = "/Identity/Account/Login";
    private const string PasskeysPage = "/Identity/Account/Manage/Passkeys";
    private const string Button = "Sign in with a passkey";
    private const string Switch = "Customers may sign in with a passkey alone";

    [Fact]
    public async Task With_the_switch_off_the_sign_in_page_offers_no_passkey_and_its_handlers_answer_404()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator);
        using var shopper = shop.NewShopper();

        var login = await shopper.GetAsync(LoginPage);
        Assert.False(login.HasButton(Button));
        Assert.Null(login.Document.QuerySelector("#passkey-sign-in"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await PostStatusAsync(shopper, login, LoginPage + "?handler=PasskeyOptions"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await PostStatusAsync(shopper, login, LoginPage + "?handler=Passkey",
            ("credential", authenticator.Get("{\"challenge\":\"AAAA\"}", userId))));
        Assert.NotEqual(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
    }

    [Fact]
    public async Task With_the_switch_on_a_customer_signs_in_with_a_passkey_alone_as_a_full_two_factor_sign_in()
    {
        await using var shop = await PasswordlessShopAsync();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator);
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
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator);
        using var shopper = shop.NewShopper();

        // Signed for another site (a phishing page relaying the request): the origin does not match.
        var login = await shopper.GetAsync(LoginPage);
        var phished = authenticator.Get(await PostForJsonAsync(shopper, login, "#passkey-sign-in"), userId, origin: "https://evil.example");
        var refused = await shopper.SubmitAsync(login, Button, ("credential", phished));

        Assert.Equal(LoginPage, refused.Path);
        Assert.Contains("The passkey was not accepted. Try again, or sign in with your password.", refused.Alerts);
        Assert.Equal(1, await AccessFailedCountAsync(shop, Email));
        Assert.NotEqual(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
        Assert.True(await AuditCountAsync(shop, AuditEventTypes.PasskeyRefused) >= 1);
    }

    [Fact]
    public async Task A_locked_account_is_sent_to_the_lockout_page_and_not_signed_in()
    {
        await using var shop = await PasswordlessShopAsync();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(Email))!, shop.Time.GetUtcNow().AddHours(1));
        }

        using var shopper = shop.NewShopper();
        var login = await shopper.GetAsync(LoginPage);
        var answer = await shopper.SubmitAsync(login, Button, ("credential", authenticator.Get(await PostForJsonAsync(shopper, login, "#passkey-sign-in"), userId)));

        Assert.Equal("/Identity/Account/Lockout", answer.Path);
        Assert.NotEqual(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
    }

    [Fact]
    public async Task A_member_of_a_role_whose_rule_does_not_count_passkeys_is_sent_to_the_password()
    {
        // Support's rule counts the authenticator app only.
        await using var shop = await PasswordlessShopAsync(("Add a role", "Support"), ("Authenticator app (new role)", "true"));

        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator);
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
        var answer = await shopper.SubmitAsync(login, Button, ("credential", authenticator.Get(await PostForJsonAsync(shopper, login, "#passkey-sign-in"), userId)));

        Assert.Equal(LoginPage, answer.Path);
        Assert.Contains("Your account must sign in with its password and a method of its role. Enter your email and password.", answer.Alerts);
        Assert.NotNull(answer.Document.QuerySelector("#Input_Password"));
        Assert.NotEqual(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
    }

    [Fact]
    public async Task The_passkey_sign_in_requests_without_the_antiforgery_token_are_refused()
    {
        await using var shop = await PasswordlessShopAsync();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator);
        using var shopper = shop.NewShopper();
        var login = await shopper.GetAsync(LoginPage);
        var options = await PostForJsonAsync(shopper, login, "#passkey-sign-in");

        var optionsWithout = await shopper.Client.PostAsync(new Uri(login.Url, LoginPage + "?handler=PasskeyOptions"), new FormUrlEncodedContent([]));
        var answerWithout = await shopper.Client.PostAsync(new Uri(login.Url, LoginPage + "?handler=Passkey"),
            new FormUrlEncodedContent([new("credential", authenticator.Get(options, userId))]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, optionsWithout.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answerWithout.StatusCode);
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

    private static async Task<System.Net.HttpStatusCode> PostStatusAsync(Shopper shopper, Page page, string url, params (string Name, string Value)[] fields)
    {
        var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await shopper.Client.PostAsync(new Uri(page.Url, url),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
        return response.StatusCode;
    }

    private static async Task<string> PostForJsonAsync(Shopper shopper, Page page, string form)
    {
        var element = page.Document.QuerySelector(form) ?? throw new InvalidOperationException($"No {form} on {page.Path}.");
        var token = element.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await shopper.Client.PostAsync(
            new Uri(page.Url, element.GetAttribute("data-options-url")),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.True(response.IsSuccessStatusCode, $"options: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> AddPasskeyAsync(ShopFactory shop, string email, SoftAuthenticator authenticator)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, authenticator.Passkey("Phone", shop.Time.GetUtcNow()))).Succeeded);
        Assert.True(await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().EnablePasskeysAsync(user));
        return user.Id;
    }

    private static async Task<int> AccessFailedCountAsync(ShopFactory shop, string email)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(email))!);
    }

    private static async Task<int> AuditCountAsync(ShopFactory shop, string type)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().CountAsync(a => a.Type == type);
    }

    private static async Task<string> LastAuditAsync(ShopFactory shop, string type, bool newValue = false)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>()
            .Where(a => a.Type == type).OrderByDescending(a => a.Id).FirstAsync();
        return newValue ? row.NewValue ?? string.Empty : $"{row.Type}:{row.Detail}";
    }
}
