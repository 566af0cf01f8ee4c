namespace IdentityTfa.UI.Areas.Identity.Pages;

/// <summary>Only local return URLs are followed; anything else goes home.</summary>
public static class ReturnUrls
{
    public static string LocalOrHome(this IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2048 && url.IsLocalUrl(returnUrl) ? returnUrl : url.Content("~/");
}
