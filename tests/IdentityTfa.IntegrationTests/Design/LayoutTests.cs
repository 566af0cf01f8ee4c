namespace IdentityTfa.IntegrationTests.Design;

/// <summary>The one layout every page shares: its favicon, styles and scripts are served, its footer links work, its cart badge counts.</summary>
public class LayoutTests
{
    public static TheoryData<string> Pages() =>
    [
        "/", "/Cart", "/Contact", "/Privacy", "/Returns",
        "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/ForgotPassword",
        "/Identity/Account/ResendEmailConfirmation", "/Identity/Account/Lockout", "/Identity/Account/AccessDenied",
        "/Identity/Account/TooManyAttempts",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_links_a_favicon_styles_and_scripts_that_are_served(string path)
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();

        var page = await visitor.GetAsync(path);

        Assert.Equal(200, page.Status);
        var favicon = page.Document.QuerySelector("link[rel=icon]")?.GetAttribute("href");
        Assert.Equal("/favicon.svg", favicon);
        var assets = page.Document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.Document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .Append(favicon!)
            .ToList();
        Assert.Contains(assets, a => a.StartsWith("/Identity/lib/bootstrap/", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/Identity/lib/jquery/", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.True(await visitor.StatusOfAsync(asset) == HttpStatusCode.OK, $"{asset} on {path} is not served.");
        }
    }

    [Fact]
    public async Task The_footer_links_to_contact_privacy_and_returns()
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();
        var home = await visitor.GetAsync("/");

        var links = home.Document.QuerySelectorAll("footer a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href")!);

        foreach (var (name, heading) in new[] { ("Contact", "Contact us"), ("Privacy", "Privacy"), ("Returns", "Returns") })
        {
            var page = await visitor.GetAsync(links[name]);
            Assert.Equal(200, page.Status);
            Assert.Equal(heading, page.Heading);
        }
    }

    [Fact]
    public async Task The_cart_badge_counts_the_items_added()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        var catalogue = await shopper.GetAsync("/");
        Assert.Equal("0 items in cart", Badge(catalogue));

        var added = await shopper.SubmitAsync(catalogue, "Add to cart: Sencha");
        added = await shopper.SubmitAsync(added, "Add to cart: Sencha");
        added = await shopper.SubmitAsync(added, "Add to cart: Teapot");

        Assert.Equal("3 items in cart", Badge(added));
        Assert.Equal("3 items in cart", Badge(await shopper.GetAsync("/Cart")));
    }

    [Fact]
    public async Task The_navbar_offers_register_and_sign_in_then_the_account_links_and_a_sign_out_button()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();

        var signedOut = await shopper.GetAsync("/");
        var navLinks = signedOut.Document.QuerySelectorAll("header nav a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Register", navLinks);
        Assert.Contains("Sign in", navLinks);

        await shopper.RegisterAsync(Email);
        await shopper.SignInWithoutSecondFactorAsync(Email);
        var signedIn = await shopper.GetAsync("/");

        Assert.Contains("Account settings", signedIn.Document.QuerySelectorAll("header nav a").Select(a => a.TextContent.Trim()));
        Assert.True(signedIn.HasButton("Sign out"));
        var signedOutAgain = await shopper.SubmitAsync(signedIn, "Sign out");
        Assert.Equal("/", signedOutAgain.Path);
        Assert.Contains("Sign in", signedOutAgain.Document.QuerySelectorAll("header nav a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task Every_product_has_a_picture_that_is_served_and_described()
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();

        var catalogue = await visitor.GetAsync("/");

        var pictures = catalogue.Document.QuerySelectorAll(".product-card img").ToList();
        Assert.Equal(4, pictures.Count);
        foreach (var picture in pictures)
        {
            Assert.False(string.IsNullOrWhiteSpace(picture.GetAttribute("alt")), $"{picture.GetAttribute("src")} has no alt text.");
            Assert.Equal(HttpStatusCode.OK, await visitor.StatusOfAsync(picture.GetAttribute("src")!));
        }
    }

    private static string Badge(Page page) =>
        System.Text.RegularExpressions.Regex.Replace(page.Document.GetElementById("cart-count")?.TextContent ?? string.Empty, @"\s+", " ").Trim();
}
