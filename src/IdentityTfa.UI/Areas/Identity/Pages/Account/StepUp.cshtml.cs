using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Asks for a fresh sign-in with a code, for places (the admin area) where a trusted browser is not enough.</summary>
public class StepUpModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl = null) => ReturnUrl = Url.LocalOrHome(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.SignOutAsync();
        return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
    }
}
