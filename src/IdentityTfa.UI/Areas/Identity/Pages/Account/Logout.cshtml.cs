namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's sign-out in this package's design and languages: the navbar's "Sign out" posts here.</summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(LogoutModel<>))]
public abstract class LogoutModel : PageModel
{
    public virtual void OnGet()
    {
    }

    public virtual Task<IActionResult> OnPostAsync(string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class LogoutModel<TUser>(SignInManager<TUser> signIn) : LogoutModel where TUser : class
{
    public override async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        await signIn.SignOutAsync();

        // Without a place to go back to, this page says that the sign-out worked (a new request, now signed out).
        return returnUrl is null ? RedirectToPage() : LocalRedirect(Url.LocalOrHome(returnUrl));
    }
}
