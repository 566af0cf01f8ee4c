using IdentityTfa.Identity;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The second step with a recovery code instead of a sent code; each recovery code works once.</summary>
[AllowAnonymous]
[TwoFactorDefaultUI(typeof(LoginWithRecoveryCodeModel<>))]
public abstract class LoginWithRecoveryCodeModel : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter a recovery code.")]
    [StringLength(32, ErrorMessage = "That is too long for a recovery code.")]
    [Display(Name = "Recovery code")]
    public string RecoveryCode { get; set; } = string.Empty;

    public string ReturnUrl { get; protected set; } = "/";

    public string? ErrorMessage { get; protected set; }

    /// <summary>Whom to ask when the phone and the codes are both gone.</summary>
    public string CompanyName { get; protected set; } = string.Empty;

    public virtual Task<IActionResult> OnGetAsync(string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync(string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class LoginWithRecoveryCodeModel<TUser>(
    TwoFactorSignInManager<TUser> signIn,
    ISitePolicyStore policies,
    IStringLocalizer<AccountText> t) : LoginWithRecoveryCodeModel
    where TUser : class
{
    public override async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        await LoadAsync();
        return Page();
    }

    public override async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        await LoadAsync();
        if (!ModelState.IsValid)
        {
            ErrorMessage = ModelState[nameof(RecoveryCode)]?.Errors.FirstOrDefault()?.ErrorMessage;
            ModelState.Remove(nameof(RecoveryCode));
            return Page();
        }

        var recoveryCode = RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal);
        var result = await signIn.SecondFactorSignInAsync(user, new SecondFactor.RecoveryCode(recoveryCode), isPersistent: false, rememberClient: false);
        if (result is SecondFactorResult.Succeeded)
        {
            // Says how many codes are left before going on, so that a user down to the last one makes new ones.
            return RedirectToPage("./RecoveryCodeUsed", new { returnUrl = ReturnUrl });
        }

        ErrorMessage = result switch
        {
            SecondFactorResult.LockedOut locked => LockoutMessage.For(t, locked.Until),
            SecondFactorResult.NotAllowed => t["This account cannot sign in."],
            SecondFactorResult.Stopped
                => t["Too many wrong codes were entered for this account. Signing in with a second factor is stopped until you reset your password by email."],
            _ => t["That recovery code is not valid or was already used."],
        };
        RecoveryCode = string.Empty;
        ModelState.Clear();
        return Page();
    }

    private async Task LoadAsync() => CompanyName = (await policies.GetAsync(HttpContext.RequestAborted)).Options.CompanyName;
}
