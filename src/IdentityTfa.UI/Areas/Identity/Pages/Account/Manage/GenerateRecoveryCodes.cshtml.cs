namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Identity UI's page for this is replaced: new recovery codes are made on <c>RecoveryCodes</c>, where this sends a link to it.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(GenerateRecoveryCodesModel<>))]
public abstract class GenerateRecoveryCodesModel : PageModel
{
    public virtual IActionResult OnGet() => throw new NotImplementedException();

    public virtual IActionResult OnPost() => throw new NotImplementedException();
}

/// <summary>Generic as Identity UI's pages are, so the page is served the same way for any user type.</summary>
internal sealed class GenerateRecoveryCodesModel<TUser> : GenerateRecoveryCodesModel
    where TUser : class
{
    public override IActionResult OnGet() => RedirectToPage("./RecoveryCodes");

    public override IActionResult OnPost() => RedirectToPage("./RecoveryCodes");
}
