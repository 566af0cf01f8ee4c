using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using IdentityTfa.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityTfa.BrowserTests.Journeys;

/// <summary>
/// A passkey as the second factor, made and used by Chromium's virtual authenticator (the DevTools protocol's WebAuthn
/// domain): a platform authenticator that keeps resident keys and verifies the user without asking.
/// </summary>
public class PasskeyJourney(BrowserFixture browser) : JourneyTest(browser)
{
    // WebAuthn takes a domain as the relying party, never an IP address: the same server, named localhost.
    protected override Uri BrowserAddress => new UriBuilder(Shop.Address) { Host = "localhost" }.Uri;

    [Fact]
    public Task J_passkey_add_in_settings_sign_out_and_sign_in_with_it_as_the_second_step() => JourneyAsync(async () =>
    {
        await AddVirtualAuthenticatorAsync();

        await Page.RegisterAndConfirmAsync(Shop, Email);
        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await Page.Link("Add a passkey").ClickAsync();
        await Page.CheckScreenAtAsync("/Identity/Account/Manage/Passkeys", "passkeys");

        await Page.GetByLabel("Passkey name").FillAsync("This laptop");
        await Page.Button("Add a passkey").ClickAsync();

        // The first method turns two-factor sign-in on; its recovery codes are shown once.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your new recovery codes" })).ToBeVisibleAsync();
        await Expect(Page.Status()).ToContainTextAsync("The passkey \"This laptop\" was added.");
        await Page.Button("I have saved these codes").ClickAsync();
        await Expect(Page.GetByText("Two-factor sign-in is on.")).ToBeVisibleAsync();
        await Expect(Page.Locator("#methods")).ToContainTextAsync("Passkey");
        await Page.GotoAsync("/Identity/Account/Manage/Passkeys");
        await Expect(Page.Locator("#passkeys")).ToContainTextAsync("This laptop");
        await Page.CheckScreenAsync("passkeys-list");
        await Page.SignOutAsync();

        await Page.SignInWithPasswordAsync(Email);
        await Page.CheckVerifyScreenAsync("verify-passkey");
        // A passkey is the account's way in: nothing was sent, the screen says no "cannot send" and shows no code field.
        await Expect(Page.GetByText("We cannot send a code that way")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Use your passkey" })).ToBeVisibleAsync();
        await Expect(Page.Locator("[name='Input.Code']")).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel(new Regex("^Trust this device"))).ToBeVisibleAsync();
        await Page.Button("Use a passkey").ClickAsync();
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
    });

    [Fact]
    public Task J_passkey_sign_in_with_a_passkey_alone_when_the_site_policy_allows_it() => JourneyAsync(async () =>
    {
        await AddVirtualAuthenticatorAsync();

        await Page.RegisterAndConfirmAsync(Shop, Email);
        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Page.GotoAsync("/Identity/Account/Manage/Passkeys");
        await Page.GetByLabel("Passkey name").FillAsync("This laptop");
        await Page.Button("Add a passkey").ClickAsync();
        await Page.Button("I have saved these codes").ClickAsync();
        await Page.SignOutAsync();

        // The admin turns on "Customers may sign in with a passkey alone".
        await using (var scope = Shop.Services.CreateAsyncScope())
        {
            var policies = scope.ServiceProvider.GetRequiredService<IdentityTfa.Policy.ISitePolicyStore>();
            var now = await policies.GetAsync();
            var saved = await policies.SaveAsync(new IdentityTfa.Policy.SitePolicyUpdate(now.AllowCustomerTwoFactor, now.RequiredRoles,
                now.Options.NewAccountMethod, now.Options.CompanyName, now.Options.Policies, AcceptWeakSettings: true) { PasswordlessPasskeys = true });
            Assert.True(saved.Succeeded, saved.FailureMessage);
        }

        await Page.GotoAsync("/Identity/Account/Login");
        await Page.CheckScreenAtAsync("/Identity/Account/Login", "login-passkey");
        await Page.Button("Sign in with a passkey").ClickAsync();
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
    });

    /// <summary>Gives the browser Chromium's virtual authenticator (see the class summary).</summary>
    private async Task AddVirtualAuthenticatorAsync()
    {
        var devtools = await Page.Context.NewCDPSessionAsync(Page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }
}
