using System.ComponentModel.DataAnnotations;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns two-factor sign-in off after the password is given again. Replaces Identity UI's page, which asks for nothing.</summary>
public class Disable2faModel(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    ITwoFactorMethodManager<IdentityUser> methods) : ManagePage(users)
{
    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    public Task<IActionResult> OnGetAsync() => WithUserAsync(async user =>
        await Users.GetTwoFactorEnabledAsync(user) ? Page() : RedirectToPage("./TwoFactorAuthentication"));

    public Task<IActionResult> OnPostAsync() => WithUserAsync(async user =>
    {
        if (!await PasswordIsRightAsync(user, Password))
        {
            ErrorMessage = "That password is not right. Enter your current password to turn off two-factor sign-in.";
            Password = null;
            ModelState.Clear();
            return Page();
        }

        await methods.DisableAsync(user, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Two-factor sign-in is off.";
        return RedirectToPage("./TwoFactorAuthentication");
    });
}
