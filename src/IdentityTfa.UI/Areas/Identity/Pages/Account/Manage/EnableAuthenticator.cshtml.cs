using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Identity UI's page for this is replaced: the shop's second factor is managed under Two-factor authentication.</summary>
public class EnableAuthenticatorModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("./TwoFactorAuthentication");

    public IActionResult OnPost() => RedirectToPage("./TwoFactorAuthentication");
}
