namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>After "Forgot your password?": look in your inbox. It needs no user, so it is not generic over one.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
