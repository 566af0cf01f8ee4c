using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.Bench.Pages.Bench;

/// <summary>
/// The verify step as Identity's own template writes it, for any registered token provider: the stock
/// <c>PhoneNumberTokenProvider</c> ("StockPhone") or IdentityTfa's ("Sms"), so the two differ only in the provider.
/// </summary>
[AllowAnonymous]
public sealed class VerifyModel(SignInManager<IdentityUser> signIn) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync(string provider)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login");
        }

        var result = await signIn.TwoFactorSignInAsync(provider, Code.Replace(" ", string.Empty, StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect("/");
        }

        ModelState.AddModelError(string.Empty, "Invalid code.");
        return Page();
    }
}
