using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityTfa.UI.Infrastructure;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Asks for a fresh sign-in with a code, for places (the admin area) where a trusted browser is not enough.</summary>
[TfaDefaultUI(typeof(StepUpModel<>))]
public abstract class StepUpModel : PageModel
{
    public string ReturnUrl { get; protected set; } = "/";

    public virtual void OnGet(string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync(string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class StepUpModel<TUser>(SignInManager<TUser> signIn) : StepUpModel
    where TUser : class
{
    public override void OnGet(string? returnUrl = null) => ReturnUrl = Url.LocalOrHome(returnUrl);

    public override async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.SignOutAsync();
        return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
    }
}
