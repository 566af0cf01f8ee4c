namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Identity UI's page for this is replaced: the second factor is managed under Two-factor authentication.</summary>
[TwoFactorDefaultUI(typeof(ResetAuthenticatorModel<>))]
public abstract class ResetAuthenticatorModel : PageModel
{
    public virtual IActionResult OnGet() => throw new NotImplementedException();

    public virtual IActionResult OnPost() => throw new NotImplementedException();
}

/// <summary>Generic as Identity UI's pages are, so the page is served the same way for any user type.</summary>
internal sealed class ResetAuthenticatorModel<TUser> : ResetAuthenticatorModel
    where TUser : class
{
    public override IActionResult OnGet() => RedirectToPage("./TwoFactorAuthentication");

    public override IActionResult OnPost() => RedirectToPage("./TwoFactorAuthentication");
}
