using System.Runtime.CompilerServices;
using IdentityTfa.IntegrationTests.Support;
using Microsoft.Playwright;

namespace IdentityTfa.BrowserTests.Support;

/// <summary>
/// One journey in real Chromium against a live shop. Each test saves a screenshot of its last page under
/// TestResults/browser; a failing one saves the page's HTML as well.
/// </summary>
[Collection(nameof(BrowserCollection))]
public abstract class JourneyTest(BrowserFixture browser) : IAsyncLifetime
{
    public const string Password = "Correct-Horse-9";

    protected LiveShop Shop { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

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

    /// <summary>A fresh browser context: its own cookies, as another device would have.</summary>
    protected async Task<(IBrowserContext Context, IPage Page)> NewBrowserAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Shop.Address.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(15_000);
        return (context, await context.NewPageAsync());
    }

    /// <summary>Runs the journey, keeping the last page as evidence.</summary>
    protected async Task JourneyAsync(Func<Task> journey, [CallerMemberName] string name = "")
    {
        var folder = Path.Combine(RepositoryFiles.Root, "TestResults", "browser");
        Directory.CreateDirectory(folder);
        try
        {
            await journey();
        }
        catch
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.html"), await Page.ContentAsync());
            throw;
        }
        finally
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
