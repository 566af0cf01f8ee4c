using IdentityTfa.UI;

namespace IdentityTfa.IntegrationTests.Design;

/// <summary>An app that names no layout of its own gets the package's: the same Bootstrap, styles, scripts and language switch.</summary>
public class StandaloneLayoutTests
{
    [Fact]
    public async Task Without_an_app_layout_the_pages_render_in_the_packages_own()
    {
        await using var shop = new ShopFactory
        {
            ReplaceServices = services => services.PostConfigure<TwoFactorUIOptions>(ui => ui.Layout = null),
        };
        using var visitor = shop.NewShopper();
        visitor.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var page = await visitor.GetAsync("/Identity/Account/ForgotPassword");

        Assert.Equal(200, page.Status);
        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Null(page.Document.QuerySelector("#cart-count"));
        Assert.Equal("¿Ha olvidado su contraseña? - Tiny Tea Shop", page.Document.Title);
        Assert.NotNull(page.Document.QuerySelector("a.skip-link[href='#main']"));
        Assert.NotNull(page.Document.QuerySelector("main#main"));
        Assert.True(page.HasButton("Español"));
        var assets = page.Document.QuerySelectorAll("link[rel=stylesheet], link[rel=icon]").Select(l => l.GetAttribute("href")!)
            .Concat(page.Document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();
        Assert.Contains(assets, a => a.StartsWith("/Identity/lib/jquery/", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/_content/IdentityTfa.UI/js/error-summary.js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.True(await visitor.StatusOfAsync(asset) == HttpStatusCode.OK, $"{asset} is not served.");
        }
    }
}
