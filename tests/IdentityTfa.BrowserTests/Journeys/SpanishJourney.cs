using System.Text.RegularExpressions;
using IdentityTfa.BrowserTests.Support;
using Microsoft.Playwright;

namespace IdentityTfa.BrowserTests.Journeys;

/// <summary>
/// A shopper whose browser asks for Spanish signs in with a text-message code and opens the two-factor settings:
/// no English is left on the verify screen or the settings pages. Fields are found by their names, as the words
/// that would find them are the ones being checked.
/// </summary>
public class SpanishJourney(BrowserFixture browser) : JourneyTest(browser)
{

    // Words and phrases of today's English pages that a Spanish page would not contain; whole words, any case.
    private static readonly string[] English =
    [
        "code", "codes", "Verify", "Send new code", "Send code", "Trust this device", "Two-factor", "Recovery", "Trusted devices",
        "Remove", "Revoke", "Sign in", "Settings", "Enter the", "expires", "minutes", "Not received", "Text message",
        "Phone number", "Email address", "Turn off", "Add a phone", "Check your", "device", "devices", "password",
        "the", "you", "your", "and", "with", "this", "is", "on", "off", "Back", "Use a",
    ];

    [Fact]
    public Task J11_in_Spanish_the_verify_screen_and_the_settings_have_no_English_left() => JourneyAsync(async () =>
    {
        await Page.RegisterAndConfirmAsync(Shop, Email);
        await Page.SignInWithPasswordAsync(Email);
        await Page.AddPhoneAsync(Shop, "650 253 0000", Phone);
        await Page.SignOutAsync();
        Shop.Time.Advance(TimeSpan.FromMinutes(1));

        var (context, spanish) = await NewBrowserAsync("es-ES");
        await using var _ = context;
        await spanish.GotoAsync("/Identity/Account/Login");
        await spanish.Locator("input[name='Input.Email']").FillAsync(Email);
        await spanish.Locator("input[name='Input.Password']").FillAsync(Password);
        await spanish.Locator("input[name='Input.Password']").PressAsync("Enter");
        await spanish.WaitForURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
        await spanish.CheckScreenAsync("es-verify");
        var problems = await EnglishLeftAsync(spanish, "verify screen");

        await spanish.Locator("input[name='Input.Code']").FillAsync(Shop.LatestSmsCode(Phone));
        await spanish.Locator("input[name='Input.Code']").PressAsync("Enter");
        await spanish.WaitForURLAsync(new Regex("/$"));

        foreach (var (path, screen) in new[]
        {
            ("/Identity/Account/Manage/TwoFactorAuthentication", "es-settings"),
            ("/Identity/Account/Manage/AddPhone", "es-add-phone"),
            ("/Identity/Account/Manage/AddEmail", "es-add-email"),
            ("/Identity/Account/Manage/TrustedDevices", "es-trusted-devices"),
            ("/Identity/Account/Manage/GenerateRecoveryCodes", "es-generate-recovery-codes"),
            ("/Identity/Account/Manage/Disable2fa", "es-turn-off"),
        })
        {
            await spanish.GotoAsync(path);
            await spanish.CheckScreenAsync(screen);
            problems.AddRange(await EnglishLeftAsync(spanish, path));
        }

        Assert.True(problems.Count == 0, "English left on Spanish pages:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    });

    private static async Task<List<string>> EnglishLeftAsync(IPage page, string where)
    {
        // Screen readers pick their voice from the page's language.
        var lang = await page.Locator("html").GetAttributeAsync("lang") ?? string.Empty;
        var languageProblem = lang.StartsWith("es", StringComparison.Ordinal) ? [] : new List<string> { $"{where}: <html lang=\"{lang}\">, not es" };
        var text = await page.Locator("main").InnerTextAsync();

        // Names, addresses and masked numbers are the same in every language.
        text = Regex.Replace(text, @"\S+@\S+|•+\s*\d*|\+?\d[\d\s()-]{5,}|Tiny Tea Shop|Chrom\w*|Linux|Headless\w*", " ");
        var found = English.Where(phrase => Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(phrase)}(?!\w)", RegexOptions.IgnoreCase)).ToList();
        return found.Count == 0
            ? languageProblem
            : [.. languageProblem, $"{where}: {string.Join(", ", found.Select(f => $"\"{f}\""))} in: {Regex.Replace(text, @"\s+", " ").Trim()}"];
    }
}
