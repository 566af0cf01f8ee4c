using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PackageConsumer.Tests;

/// <summary>
/// The consumer app gets every screen from the IdentityTfa.UI package alone: in Chromium a new user registers,
/// enrols a phone, signs out, signs in with a text-message code and reaches a page that needs sign-in. Fields are
/// found by their input names, which the package keeps, rather than by wording, which it may change.
/// </summary>
public class PackagedPagesBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Email = "jane@example.com";
    private const string Password = "Correct-Horse-9";
    private const string Phone = "+16502530000";

    [Fact]
    public async Task The_packaged_pages_register_enrol_a_phone_and_sign_in_with_a_text_code()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}. Run 'bash scripts/test.sh', or install it with 'apt-get install chromium'.");
        await using var app = ConsumerApp.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Address.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await RegisterEnrolAndSignInAsync(page);
        }
        catch
        {
            // The page the journey stopped on, as evidence.
            var folder = Path.Combine(Path.GetTempPath(), "identitytfa-package-consumer");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "failed-page.html"), $"<!-- {page.Url} -->\n" + await page.ContentAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "failed-page.png"), FullPage = true });
            throw;
        }
    }

    private static async Task RegisterEnrolAndSignInAsync(IPage page)
    {
        // Register: the app does not ask for a confirmed email (Identity's default), so the account is usable at once.
        await page.GotoAsync("/Identity/Account/Register");
        await page.Locator("input[name='Input.Email']").FillAsync(Email);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.Locator("input[name='Input.ConfirmPassword']").FillAsync(Password);
        var registered = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/Identity/Account/Register", StringComparison.OrdinalIgnoreCase));
        await page.Locator("input[name='Input.ConfirmPassword']").PressAsync("Enter");
        Assert.True((await registered).Ok, "Registering failed.");

        // Enrol a phone; if registering did not sign in, the settings page sends us to sign in first.
        await page.GotoAsync("/Identity/Account/Manage/AddPhone");
        if (page.Url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            await SignInWithPasswordAsync(page);
            await page.WaitForURLAsync(new Regex("/Identity/Account/Manage/AddPhone", RegexOptions.IgnoreCase));
        }

        await page.Locator("input[name='PhoneNumber']").FillAsync("650 253 0000");
        await page.Locator("input[name='PhoneNumber']").PressAsync("Enter");
        await Expect(page.Locator("input[name='Code']")).ToBeVisibleAsync();
        await page.Locator("input[name='Code']").FillAsync(await LatestCodeAsync(page, Phone));
        await page.Locator("input[name='Code']").PressAsync("Enter");
        await Expect(page.Locator("#recovery-codes")).ToBeVisibleAsync();

        // Sign out through Identity UI's page.
        await page.GotoAsync("/Identity/Account/Logout");
        await page.Locator("main form button[type='submit'], form[action*='Logout'] button[type='submit']").First.ClickAsync();
        await page.GotoAsync("/Secret");
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Login", RegexOptions.IgnoreCase));

        // Password, then the code sent by text message, then the page that needs sign-in.
        var earlier = await LatestCodeAsync(page, Phone);
        await SignInWithPasswordAsync(page);
        await page.WaitForURLAsync(new Regex("/Identity/Account/LoginWith2fa", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#code-destination")).ToContainTextAsync("0000");
        var code = await LatestCodeAsync(page, Phone);
        Assert.NotEqual(earlier, code);
        await page.Locator("input[name='Input.Code']").FillAsync(code);
        await page.Locator("input[name='Input.Code']").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/Secret$"));
        await Expect(page.Locator("h1#secret")).ToHaveTextAsync("Members only");
    }

    private static async Task SignInWithPasswordAsync(IPage page)
    {
        await page.Locator("input[name='Input.Email']").FillAsync(Email);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.Locator("input[name='Input.Password']").PressAsync("Enter");
    }

    /// <summary>The newest code in the development inbox for one phone number (the inbox lists newest first).</summary>
    private static async Task<string> LatestCodeAsync(IPage page, string to)
    {
        var inbox = await page.Context.APIRequest.GetAsync($"/dev/inbox?to={Uri.EscapeDataString(to)}");
        return Regex.Match(await inbox.TextAsync(), @"\b\d{6}\b").Value;
    }
}
