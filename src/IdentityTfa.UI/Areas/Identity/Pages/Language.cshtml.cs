using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace IdentityTfa.UI.Areas.Identity.Pages;

/// <summary>
/// The footer's language switch: remembers the chosen language in ASP.NET Core's culture cookie (read by
/// <see cref="CookieRequestCultureProvider"/>) and goes back to the page it was pressed on. It needs no user, so it is
/// not generic over one.
/// </summary>
public sealed class LanguageModel : PageModel
{
    /// <summary>The cookie lasts a year: a choice of language is not a secret and should outlive the session.</summary>
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Url.LocalOrHome(returnUrl));

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (Languages.Find(culture) is { } language)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.Add(CookieLifetime),
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = Request.IsHttps,
                    HttpOnly = true,
                });
        }

        return LocalRedirect(Url.LocalOrHome(returnUrl));
    }
}
