using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdentityTfa.IntegrationTests.Enrolment;

/// <summary>
/// The settings pages Identity UI used to serve in its own design and English (set password, personal data, download,
/// delete, external logins): ours now, read here in Spanish, with Identity UI's behaviour.
/// </summary>
public class StockSettingsPagesTests
{

    private static readonly string[] EnglishWords =
        ["Password", "password", "Personal", "Download", "Delete", "account", "External", "logins", "Set ", "Keep", "Profile", "Two-factor", "Remove", "service"];

    [Fact]
    public async Task The_spanish_set_password_page_sets_a_password_on_an_account_without_one()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInSpanishShopperAsync(shop);
        await WithUsersAsync(shop, async users => await users.RemovePasswordAsync((await users.FindByEmailAsync(Email))!));

        var page = await shopper.GetAsync("/Identity/Account/Manage/SetPassword");

        Assert.Equal("Establecer una contraseña", page.Heading);
        Assert.Equal(["Contraseña"], CurrentEntries(page));
        AssertNoEnglish(page);
        var set = await shopper.SubmitAsync(page, "Establecer contraseña",
            ("Contraseña nueva", "Another-Pass-42"), ("Confirme la contraseña nueva", "Another-Pass-42"));
        Assert.Equal("/Identity/Account/Manage/ChangePassword", set.Path);
        Assert.Contains("Se ha establecido su contraseña.", set.Statuses);
        await WithUsersAsync(shop, async users => Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(Email))!, "Another-Pass-42")));
    }

    [Fact]
    public async Task The_set_password_page_sends_an_account_with_a_password_to_change_password()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInSpanishShopperAsync(shop);

        var page = await shopper.GetAsync("/Identity/Account/Manage/SetPassword");

        Assert.Equal("/Identity/Account/Manage/ChangePassword", page.Path);
        Assert.Equal("Cambiar contraseña", page.Heading);
    }

    [Fact]
    public async Task The_spanish_personal_data_page_downloads_the_data_as_json()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInSpanishShopperAsync(shop);

        var page = await shopper.GetAsync("/Identity/Account/Manage/PersonalData");

        Assert.Equal("Datos personales", page.Heading);
        Assert.Equal(["Datos personales"], CurrentEntries(page));
        Assert.Single(page.Document.QuerySelectorAll("h1"));
        Assert.Contains("btn-outline-danger", page.Document.QuerySelector("#delete")?.ClassName ?? string.Empty, StringComparison.Ordinal);
        AssertNoEnglish(page);
        var form = page.FormWithButton("Descargar");
        using var download = await shopper.Client.PostAsync(new Uri(page.Url, form.GetAttribute("action")), new FormUrlEncodedContent(
            form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))));
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PersonalData.json", download.Content.Headers.ContentDisposition?.FileName);
        var data = JsonSerializer.Deserialize<Dictionary<string, string?>>(await download.Content.ReadAsStringAsync())!;
        Assert.Equal(Email, data["Email"]);
        Assert.Equal(404, (int)(await shopper.StatusOfAsync("/Identity/Account/Manage/DownloadPersonalData")));
    }

    [Fact]
    public async Task The_spanish_delete_page_refuses_a_wrong_password_then_deletes_the_account_and_signs_out()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInSpanishShopperAsync(shop);
        var personalData = await shopper.GetAsync("/Identity/Account/Manage/PersonalData");
        var page = await shopper.GetAsync(personalData.Document.QuerySelector("#delete")!.GetAttribute("href")!);
        Assert.Equal("Eliminar su cuenta", page.Heading);
        Assert.Equal(["Datos personales"], CurrentEntries(page));
        Assert.Contains("btn-danger", page.FormWithButton("Eliminar mi cuenta").QuerySelector("button[type=submit]")!.ClassName!, StringComparison.Ordinal);
        AssertNoEnglish(page);

        var refused = await shopper.SubmitAsync(page, "Eliminar mi cuenta", ("Contraseña", "not-it"));

        Assert.Equal("Contraseña incorrecta.", refused.Document.QuerySelector("#error-summary")?.TextContent.Trim());
        Assert.Equal("true", refused.FieldLabelled("Contraseña")?.GetAttribute("aria-invalid"));
        Assert.StartsWith("Error: ", refused.Document.Title, StringComparison.Ordinal);
        await WithUsersAsync(shop, async users => Assert.NotNull(await users.FindByEmailAsync(Email)));

        var deleted = await shopper.SubmitAsync(refused, "Eliminar mi cuenta", ("Contraseña", Journeys.Password));

        Assert.Equal("/", deleted.Path);
        await WithUsersAsync(shop, async users => Assert.Null(await users.FindByEmailAsync(Email)));
        Assert.Equal("/Identity/Account/Login", (await shopper.GetAsync("/Identity/Account/Manage")).Path);
    }

    [Fact]
    public async Task The_spanish_external_logins_page_says_the_site_offers_none()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInSpanishShopperAsync(shop);

        var page = await shopper.GetAsync("/Identity/Account/Manage/ExternalLogins");

        Assert.Equal(200, page.Status);
        Assert.Equal("Inicios de sesión externos", page.Heading);
        Assert.Single(page.Document.QuerySelectorAll("h1"));
        Assert.StartsWith("Este sitio no ofrece iniciar sesión con otro servicio", page.Document.QuerySelector("#no-external-logins")?.TextContent, StringComparison.Ordinal);
        AssertNoEnglish(page);
    }

    /// <summary>An enrolled shopper signed in with a code, whose browser then asks for Spanish.</summary>
    private static async Task<Shopper> SignedInSpanishShopperAsync(ShopFactory shop)
    {
        var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        shopper.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        return shopper;
    }

    private static async Task WithUsersAsync(ShopFactory shop, Func<UserManager<IdentityUser>, Task> action)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    private static void AssertNoEnglish(Page page)
    {
        var settings = Regex.Replace(
            page.Document.QuerySelector("#manage-nav")!.TextContent + " " + page.Document.QuerySelector("#settings-page")!.TextContent + " " + page.Document.Title, @"\s+", " ");
        foreach (var english in EnglishWords)
        {
            Assert.DoesNotContain(english, settings, StringComparison.Ordinal);
        }
    }

    private static List<string> CurrentEntries(Page page) =>
        page.Document.QuerySelectorAll("#manage-nav a[aria-current=page]").Select(a => a.TextContent.Trim()).ToList();
}
