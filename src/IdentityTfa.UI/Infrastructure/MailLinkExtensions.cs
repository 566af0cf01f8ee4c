namespace IdentityTfa.UI.Infrastructure;

/// <summary>Links to this app's pages for mail, from the configured public base address rather than the request's Host.</summary>
internal static class MailLinkExtensions
{
    public static string MailLink(this PageModel page, PublicLinks links, string pageName, object values) =>
        links.For(page.Request, page.Url.Page(pageName, pageHandler: null, values: values)
            ?? throw new InvalidOperationException($"No route to the page {pageName}."));
}
