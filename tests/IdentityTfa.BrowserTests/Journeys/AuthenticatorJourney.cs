using System.Text.RegularExpressions;
using IdentityTfa.Authenticator;
using IdentityTfa.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityTfa.BrowserTests.Journeys;

/// <summary>An authenticator app as the second factor: the test is the app, computing the code from the key it reads on the page.</summary>
public class AuthenticatorJourney(BrowserFixture browser) : JourneyTest(browser)
{
    [Fact]
    public Task J_authenticator_enrol_with_the_key_on_the_page_sign_out_and_sign_in_with_the_app() => JourneyAsync(async () =>
    {
        await Page.RegisterAndConfirmAsync(Shop, Email);
        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await Page.Link("Add an authenticator app").ClickAsync();
        await Page.CheckScreenAtAsync("/Identity/Account/Manage/EnableAuthenticator", "add-authenticator");
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        // The QR code is a picture the page serves (no data: address, which the CSP would block): it loaded.
        Assert.True(await Page.Locator("#authenticator-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));

        var key = Regex.Replace(await Page.Locator("#authenticator-key").InnerTextAsync(), @"\s", string.Empty).ToUpperInvariant();
        await Page.GetByLabel("Enter the 6-digit code your app shows").FillAsync(AuthenticatorCodes.Compute(key, Shop.Time.GetUtcNow()));
        await Page.Button("Verify").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your new recovery codes" })).ToBeVisibleAsync();
        await Page.Button("I have saved these codes").ClickAsync();
        await Expect(Page.GetByText("Two-factor sign-in is on.")).ToBeVisibleAsync();
        await Expect(Page.Locator("#methods")).ToContainTextAsync("Authenticator app");
        await Page.SignOutAsync();

        // The code that turned the app on is used; the app's next one signs in.
        Shop.Time.Advance(TimeSpan.FromSeconds(30));
        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Open your authenticator app" })).ToBeVisibleAsync();
        await Page.CheckVerifyScreenAsync("verify-authenticator");
        await Expect(Page.Button("Send new code")).ToHaveCountAsync(0);
        await Page.GetByLabel("Enter the 6-digit code").FillAsync(AuthenticatorCodes.Compute(key, Shop.Time.GetUtcNow()));
        await Page.Button("Verify").ClickAsync();
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
    });
}
