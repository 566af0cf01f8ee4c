using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace IdentityTfa.BrowserTests.Support;

/// <summary>
/// One journey in real Chromium against a live shop, at 1280 px. Every page it opens is watched by a
/// <see cref="ScreenCheck"/>; the journey checks each screen it passes and fails at its end if any screen failed.
/// Each test saves a screenshot of its last page under TestResults/browser; a failing one saves the page's HTML as well.
/// </summary>
[Collection(nameof(BrowserCollection))]
public abstract class JourneyTest(BrowserFixture browser) : IAsyncLifetime
{
    public const string Password = "Correct-Horse-9";

    protected LiveShop Shop { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected JourneyRecord Record { get; } = new();

    private IBrowserContext Context { get; set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Shop = await LiveShop.StartAsync();
        (Context, Page) = await NewBrowserAsync();
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await Shop.DisposeAsync();
    }

    /// <summary>Where the browser opens the shop; a journey may name the same server otherwise (passkeys need a domain name, not an IP address).</summary>
    protected virtual Uri BrowserAddress => Shop.Address;

    /// <summary>A fresh browser context: its own cookies, as another device would have; <paramref name="locale"/> sets Accept-Language.</summary>
    protected async Task<(IBrowserContext Context, IPage Page)> NewBrowserAsync(string locale = "en-US")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BrowserAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = ScreenCheck.DesktopWidth, Height = ScreenCheck.Height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        ScreenCheck.Watch(page, BrowserAddress, Record);
        return (context, page);
    }

    /// <summary>Runs the journey, keeping the last page as evidence, then fails on any screen check's problem.</summary>
    protected async Task JourneyAsync(Func<Task> journey, [CallerMemberName] string name = "")
    {
        Record.Name = name;
        var folder = JourneyRecord.Folder;
        Directory.CreateDirectory(folder);
        try
        {
            await journey();
        }
        catch
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.html"), await Page.ContentAsync());
            await Record.WriteReportAsync();
            throw;
        }
        finally
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }

        await Record.ThrowIfAnyProblemAsync();
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
