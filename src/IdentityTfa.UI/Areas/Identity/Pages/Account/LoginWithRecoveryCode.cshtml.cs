using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityTfa.UI.Infrastructure;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The second step with a recovery code instead of a sent code; each recovery code works once.</summary>
[AllowAnonymous]
[TfaDefaultUI(typeof(LoginWithRecoveryCodeModel<>))]
public abstract class LoginWithRecoveryCodeModel : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter a recovery code.")]
    [StringLength(32, ErrorMessage = "That is too long for a recovery code.")]
    [Display(Name = "Recovery code")]
    public string RecoveryCode { get; set; } = string.Empty;

    public string ReturnUrl { get; protected set; } = "/";

    public string? ErrorMessage { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync(string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync(string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class LoginWithRecoveryCodeModel<TUser>(SignInManager<TUser> signIn) : LoginWithRecoveryCodeModel
    where TUser : class
{
    public override async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { returnUrl = ReturnUrl }) : Page();
    }

    public override async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        ErrorMessage = result.IsLockedOut
            ? LockoutMessage.For(await signIn.UserManager.GetLockoutEndDateAsync(user))
            : "That recovery code is not valid or was already used.";
        RecoveryCode = string.Empty;
        ModelState.Clear();
        return Page();
    }
}
