namespace IdentityTfa.IntegrationTests.Design;

/// <summary>The footer's language switch and the pages that follow it.</summary>
public class LanguageTests
{
    [Fact]
    public async Task Choosing_Espanol_sets_the_culture_cookie_and_the_next_pages_are_in_Spanish()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        var cart = await shopper.GetAsync("/Cart");
        Assert.Equal("en", Lang(cart));

        var switched = await PressLanguageAsync(shopper, cart, "Español");

        Assert.Equal("/Cart", switched.Path);
        Assert.Contains(shopper.Cookies(), c => c.Name == ".AspNetCore.Culture" && Uri.UnescapeDataString(c.Value) == "c=es|uic=es");
        Assert.Equal("es", Lang(switched));
        Assert.Equal(["Catálogo", "Carrito", "Pedidos", "Registrarse", "Iniciar sesión"], NavWords(switched));

        var forgot = await shopper.GetAsync("/Identity/Account/ForgotPassword");
        Assert.Equal("es", Lang(forgot));
        Assert.Equal("¿Ha olvidado su contraseña?", forgot.Heading);
        Assert.NotNull(forgot.FieldLabelled("Correo electrónico"));
    }

    [Fact]
    public async Task Choosing_Deutsch_then_English_goes_back_to_English()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();

        var german = await PressLanguageAsync(shopper, await shopper.GetAsync("/"), "Deutsch");
        Assert.Equal("de", Lang(german));
        Assert.Contains("Warenkorb", NavWords(german));
        Assert.Equal("Sprache", german.Document.GetElementById("language-switch-label")?.TextContent);

        var english = await PressLanguageAsync(shopper, german, "English");
        Assert.Equal("en", Lang(english));
        Assert.Contains("Cart", NavWords(english));
    }

    [Fact]
    public async Task The_switch_refuses_a_post_without_its_antiforgery_token()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();

        var refused = await shopper.PostAsync(new Uri(shopper.Client.BaseAddress!, "/Identity/Language"), [new("culture", "es"), new("returnUrl", "/")]);

        Assert.Equal(400, refused.Status);
        Assert.DoesNotContain(shopper.Cookies(), c => c.Name == ".AspNetCore.Culture");
    }

    [Fact]
    public async Task The_switch_goes_back_only_to_a_page_of_the_shop()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        var home = await shopper.GetAsync("/");
        var form = home.FormWithButton("Español");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("name") == "returnUrl" ? "https://evil.example/" : i.GetAttribute("value") ?? string.Empty))
            .Append(new("culture", "es"));

        var landed = await shopper.PostAsync(new Uri(home.Url, form.GetAttribute("action")), values);

        Assert.Equal("/", landed.Path);
        Assert.Equal("es", Lang(landed));
    }

    /// <summary>Presses a language button as a browser does: the form's hidden fields plus the button's own name and value.</summary>
    private static async Task<Page> PressLanguageAsync(Shopper shopper, Page page, string language)
    {
        var form = page.FormWithButton(language);
        var button = form.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == language);
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))
            .Append(new(button.GetAttribute("name")!, button.GetAttribute("value")!));
        return await shopper.PostAsync(new Uri(page.Url, form.GetAttribute("action")), values);
    }

    private static string? Lang(Page page) => page.Document.DocumentElement.GetAttribute("lang");

    /// <summary>The navbar's links and buttons by their visible words (the cart's hidden count left out).</summary>
    private static List<string> NavWords(Page page) =>
        page.Document.QuerySelectorAll("header nav a:not(.navbar-brand), header nav form button")
            .Select(e => e.ChildNodes.Where(n => n.NodeType == AngleSharp.Dom.NodeType.Text).Aggregate(string.Empty, (text, n) => text + n.TextContent).Trim())
            .ToList();
}
