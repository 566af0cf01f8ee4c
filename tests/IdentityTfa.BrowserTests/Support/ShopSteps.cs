using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityTfa.BrowserTests.Support;

/// <summary>The steps of the journeys, finding everything by role and label as a person (or screen reader) would.</summary>
public static class ShopSteps
{
    public static ILocator Button(this IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static ILocator Link(this IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static ILocator Alert(this IPage page) => page.GetByRole(AriaRole.Alert);

    public static ILocator Status(this IPage page) => page.GetByRole(AriaRole.Status);

    /// <summary>On a phone the navbar folds behind its "Menu" button; opens it so that its links can be pressed (a no-op on wide screens).</summary>
    public static async Task OpenMenuAsync(this IPage page)
    {
        var menu = page.Button("Menu");
        if (await menu.IsVisibleAsync() && await menu.GetAttributeAsync("aria-expanded") != "true")
        {
            await menu.ClickAsync();
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        }
    }

    /// <summary>The verify screen's heading, which names the way the code went ("Check your phone", "We are calling you", "Check your email"), or "Get a code".</summary>
    public static ILocator VerifyHeading(this IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { Level = 1, NameRegex = new Regex("^(Check your phone|We are calling you|Check your email|Get a code)$") });

    public static async Task RegisterAndConfirmAsync(this IPage page, LiveShop shop, string email)
    {
        await page.GotoAsync("/");
        await page.CheckScreenAsync("catalogue");
        await page.OpenMenuAsync();
        await page.Link("Register").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Identity/Account/Register"));
        await page.CheckScreenAsync("register");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(JourneyTest.Password);
        await page.GetByLabel("Confirm password").FillAsync(JourneyTest.Password);
        await page.Button("Register").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await page.CheckScreenAsync("register-confirmation");

        var mail = shop.Smtp.LatestTo(email);
        var link = Regex.Match(mail.TextBody ?? string.Empty, @"https?://\S+").Value;
        await page.GotoAsync(link);
        await Expect(page.GetByText("Thank you for confirming your email")).ToBeVisibleAsync();
        await page.CheckScreenAsync("confirm-email");
    }

    public static async Task SignInWithPasswordAsync(this IPage page, string email, string password = JourneyTest.Password)
    {
        await page.GotoAsync("/");
        await page.OpenMenuAsync();
        await page.Link("Sign in").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Identity/Account/Login"));
        await page.CheckScreenAsync("sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Button("Sign in").ClickAsync();
    }

    /// <summary>Waits for the verify screen after a password sign-in and checks it as <paramref name="screen"/>.</summary>
    public static async Task CheckVerifyScreenAsync(this IPage page, string screen = "verify")
    {
        await page.WaitForURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
        await page.CheckScreenAsync(screen);
    }

    /// <summary>Waits until a page at <paramref name="path"/> shows, then checks it as <paramref name="screen"/>.</summary>
    public static async Task CheckScreenAtAsync(this IPage page, string path, string screen)
    {
        await page.WaitForURLAsync(new Regex(Regex.Escape(path), RegexOptions.IgnoreCase));
        await page.CheckScreenAsync(screen);
    }

    public static async Task EnterCodeAsync(this IPage page, string code, bool trustDevice = false)
    {
        await Expect(page.VerifyHeading()).ToBeVisibleAsync();

        // The labels follow the site's policy: "Enter the 6-digit code", "Trust this device for 30 days".
        await page.GetByLabel(new Regex(@"^Enter the \d+-(digit|character) code$")).FillAsync(code);
        if (trustDevice)
        {
            await page.GetByLabel(new Regex(@"^Trust this device for \d+ days?$")).CheckAsync();
        }

        await page.Button("Verify").ClickAsync();
    }

    public static async Task AddPhoneAsync(this IPage page, LiveShop shop, string typed, string e164)
    {
        await page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await page.Link("Add a phone").ClickAsync();
        await page.GetByLabel("Phone number").FillAsync(typed);
        await page.Button("Send code").ClickAsync();
        await Expect(page.Status()).ToContainTextAsync("We sent a code");
        await page.GetByLabel("Verification code").FillAsync(shop.LatestSmsCode(e164));
        await page.Button("Verify").ClickAsync();
        await Expect(page.Status()).ToContainTextAsync("Two-factor sign-in by text message is on.");
    }

    /// <summary>On the step-up screen ("Confirm it is you"): sends a code by text message and enters it.</summary>
    public static async Task StepUpWithTextMessageAsync(this IPage page, LiveShop shop, string e164)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you" })).ToBeVisibleAsync();
        await page.CheckScreenAsync("step-up");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send the code by text message to") }).ClickAsync();
        await Expect(page.GetByText("We sent a code by text message to")).ToBeVisibleAsync();
        await page.GetByLabel("Verification code").FillAsync(shop.LatestSmsCode(e164));
        await page.Button("Verify").ClickAsync();
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.GotoAsync("/");
        await page.OpenMenuAsync();
        await page.Button("Sign out").ClickAsync();
        await page.OpenMenuAsync();
        await Expect(page.Link("Sign in")).ToBeVisibleAsync();
    }
}
