using System.Text.RegularExpressions;
using IdentityTfa.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityTfa.BrowserTests.Journeys;

/// <summary>
/// The screens a shopper can reach that no other journey passes: the shop's own pages and Identity's stock account
/// pages. Each must pass the screen check as the two-factor screens do; forms are found by their handler or field
/// names, since their wording is being changed.
/// </summary>
public class EveryScreenJourney(BrowserFixture browser) : JourneyTest(browser)
{
    [Fact]
    public Task J10_every_screen_a_shopper_can_reach_passes_the_screen_check() => JourneyAsync(async () =>
    {
        // Signed out.
        await VisitAsync("/Cart", "cart-empty");
        await VisitAsync("/Identity/Account/Login", "sign-in");
        await VisitAsync("/Identity/Account/ResendEmailConfirmation", "resend-confirmation");
        await VisitAsync("/Identity/Account/AccessDenied", "access-denied");
        await Page.RegisterAndConfirmAsync(Shop, Email);

        // Forgot password: the request, its confirmation, and the page its mail links to.
        await VisitAsync("/Identity/Account/ForgotPassword", "forgot-password");
        await Page.Locator("input[name='Input.Email']").FillAsync(Email);
        await Page.Locator("main form button[type='submit']").First.ClickAsync();
        await Page.CheckScreenAtAsync("/Identity/Account/ForgotPasswordConfirmation", "forgot-password-confirmation");
        // The text of the mail spells the link out and ends the sentence after it; a link never ends in a full stop.
        var reset = Regex.Match(Shop.Smtp.LatestTo(Email).TextBody ?? string.Empty, @"https?://\S+").Value.TrimEnd('.');
        await Page.GotoAsync(reset);
        await Page.CheckScreenAsync("reset-password");

        // Signed in: shopping.
        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Page.GotoAsync("/");
        await Page.Locator("form[action*='handler=Add'] button").First.ClickAsync();
        await VisitAsync("/Cart", "cart");
        await Page.Locator("form[action*='handler=PlaceOrder'] button").ClickAsync();
        await VisitAsync("/Orders", "orders");

        // Identity's account pages, before and after two-factor sign-in is on.
        await VisitAsync("/Identity/Account/Manage", "profile");
        await VisitAsync("/Identity/Account/Manage/Email", "email");
        await VisitAsync("/Identity/Account/Manage/ChangePassword", "password");
        await VisitAsync("/Identity/Account/Manage/PersonalData", "personal-data");
        await VisitAsync("/Identity/Account/Manage/DeletePersonalData", "delete-personal-data");
        await VisitAsync("/Identity/Account/Manage/TwoFactorAuthentication", "settings");
        await VisitAsync("/Identity/Account/Manage/AddPhone", "add-phone");
        await VisitAsync("/Identity/Account/Manage/AddEmail", "add-email");
        await Page.AddPhoneAsync(Shop, "650 253 0000", Phone);
        await Page.CheckScreenAsync("recovery-codes");
        await VisitAsync("/Identity/Account/Manage/TwoFactorAuthentication", "settings-on");
        await VisitAsync("/Identity/Account/Manage/TrustedDevices", "trusted-devices-none");
        await VisitAsync("/Identity/Account/Manage/GenerateRecoveryCodes", "generate-recovery-codes");
        await VisitAsync("/Identity/Account/Manage/Disable2fa", "turn-off");
    });

    private async Task VisitAsync(string path, string screen)
    {
        await Page.GotoAsync(path);
        await Page.CheckScreenAsync(screen);
    }
}
