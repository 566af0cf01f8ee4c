namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's email confirmation (the link sent at registration) in this package's design and languages.</summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(ConfirmEmailModel<>))]
public abstract class ConfirmEmailModel : PageModel
{
    /// <summary>Whether the address is now confirmed; false for a wrong, used or expired link.</summary>
    public bool Confirmed { get; protected set; }

    /// <summary>Where "Continue to sign in" leads after sign-in (the page the shopper registered from).</summary>
    public string ReturnUrl { get; protected set; } = "/";

    public virtual Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class ConfirmEmailModel<TUser>(UserManager<TUser> users) : ConfirmEmailModel where TUser : class
{
    public override async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
        {
            return LocalRedirect(Url.Content("~/"));
        }

        var user = await users.FindByIdAsync(userId);
        if (user is not null && LinkCode.Decode(code) is { } token)
        {
            Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }

        return Page();
    }
}
