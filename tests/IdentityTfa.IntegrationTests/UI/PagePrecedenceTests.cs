using IdentityTfa.UI.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.AspNetCore.Razor.Hosting;

namespace IdentityTfa.IntegrationTests.UI;

/// <summary>
/// The shop calls AddDefaultIdentity, which brings Identity UI's pages; where IdentityTfa.UI has a page at the same
/// path, a shopper gets ours. An app's own page at that path still wins over both.
/// </summary>
public class PagePrecedenceTests
{
    [Fact]
    public async Task Turning_two_factor_off_is_our_page_that_asks_for_the_password_not_Identity_UIs_that_asks_nothing()
    {
        await using var shop = new ShopFactory();
        var jane = shop.NewShopper();
        await jane.RegisterAsync(Email);
        await jane.SignInWithoutSecondFactorAsync(Email);

        var page = await jane.GetAsync("/Identity/Account/Manage/Disable2fa");

        // Identity UI's page would render for a user without 2FA; ours sends such a user to the overview.
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", page.Path);
    }

    [Fact]
    public async Task The_two_factor_settings_and_the_verify_screen_are_ours()
    {
        await using var shop = new ShopFactory();
        var jane = shop.NewShopper();
        await jane.RegisterAsync(Email);
        await jane.SignInWithoutSecondFactorAsync(Email);

        var settings = await jane.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");

        // Identity UI's page offers only an authenticator app (its link "enable-authenticator"); ours offers a phone, an
        // email and an authenticator app.
        Assert.Contains(settings.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/Identity/Account/Manage/AddPhone");
        Assert.NotNull(settings.Document.QuerySelector("a#add-authenticator"));
        Assert.Null(settings.Document.QuerySelector("#enable-authenticator"));
    }

    [Fact]
    public void A_page_of_the_app_at_the_same_path_is_kept_and_Identity_UIs_is_replaced()
    {
        var ours = new RazorCompiledItemLoader().LoadItems(typeof(TwoFactorPagesFeatureProvider).Assembly).Select(i => i.Identifier).ToList();
        var appPath = ours.First(p => p.EndsWith("/Account/Manage/TwoFactorAuthentication.cshtml", StringComparison.Ordinal));
        var identityPath = ours.First(p => p.EndsWith("/Account/LoginWith2fa.cshtml", StringComparison.Ordinal));
        var feature = new ViewsFeature();
        var appPage = new CompiledViewDescriptor(new FakeItem(appPath, typeof(PagePrecedenceTests)));
        var identityPage = new CompiledViewDescriptor(new FakeItem(identityPath, typeof(Microsoft.AspNetCore.Identity.UI.Services.IEmailSender)));
        feature.ViewDescriptors.Add(appPage);
        feature.ViewDescriptors.Add(identityPage);

        new TwoFactorPagesFeatureProvider().PopulateFeature([], feature);

        Assert.Contains(appPage, feature.ViewDescriptors);
        Assert.DoesNotContain(identityPage, feature.ViewDescriptors);
        Assert.Equal(typeof(TwoFactorPagesFeatureProvider).Assembly, feature.ViewDescriptors.Single(d => d.RelativePath == identityPath).Type!.Assembly);
        Assert.Equal(ours.Count, feature.ViewDescriptors.Count);
    }

    [Fact]
    public void Every_account_page_Identity_UI_serves_has_ours_at_the_same_path()
    {
        const string IdentityPages = "/Areas/Identity/Pages/V5/";
        var ours = new RazorCompiledItemLoader().LoadItems(typeof(TwoFactorPagesFeatureProvider).Assembly)
            .Where(i => i.Kind == "mvc.1.0.razor-page").Select(i => i.Identifier.Replace("/Areas/Identity/Pages/", "/", StringComparison.Ordinal)).ToHashSet();
        var identity = new RazorCompiledItemLoader().LoadItems(typeof(Microsoft.AspNetCore.Identity.IdentityBuilderUIExtensions).Assembly)
            .Where(i => i.Kind == "mvc.1.0.razor-page" && i.Identifier.StartsWith(IdentityPages + "Account/", StringComparison.Ordinal))
            .Select(i => "/" + i.Identifier[IdentityPages.Length..])
            .ToList();

        Assert.NotEmpty(identity);
        Assert.Equal([], identity.Except(ours).ToList());
    }

    private sealed class FakeItem(string identifier, Type type) : RazorCompiledItem
    {
        public override string Identifier => identifier;

        public override string Kind => "mvc.1.0.razor-page";

        public override IReadOnlyList<object> Metadata => [];

        public override Type Type => type;
    }
}
