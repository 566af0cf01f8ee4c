namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>After a password reset. It needs no user, so it is not generic over one.</summary>
[AllowAnonymous]
public sealed class ResetPasswordConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
