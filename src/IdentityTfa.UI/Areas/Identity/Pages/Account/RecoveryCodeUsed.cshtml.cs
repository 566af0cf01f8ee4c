namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>After a sign-in with a recovery code: how many codes are left, before going on.</summary>
[TwoFactorDefaultUI(typeof(RecoveryCodeUsedModel<>))]
public abstract class RecoveryCodeUsedModel : PageModel
{
    public string ReturnUrl { get; protected set; } = "/";

    /// <summary>Recovery codes the user has not used yet.</summary>
    public int CodesLeft { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync(string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class RecoveryCodeUsedModel<TUser>(UserManager<TUser> users) : RecoveryCodeUsedModel
    where TUser : class
{
    public override async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        CodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }
}
