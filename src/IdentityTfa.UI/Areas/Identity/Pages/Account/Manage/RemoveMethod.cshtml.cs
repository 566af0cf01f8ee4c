using System.ComponentModel.DataAnnotations;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Removes one method after the password is given again; the account is told by email.</summary>
public class RemoveMethodModel(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    ITwoFactorMethodManager<IdentityUser> methods) : ManagePage(users)
{
    [BindProperty(SupportsGet = true)]
    public DeliveryChannel Channel { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    public TwoFactorMethodInfo? Method { get; private set; }

    public bool IsLast { get; private set; }

    public Task<IActionResult> OnGetAsync() => WithUserAsync(async user => await LoadAsync(user) ? Page() : RedirectToPage("./TwoFactorAuthentication"));

    public Task<IActionResult> OnPostAsync() => WithUserAsync(async user =>
    {
        if (!await LoadAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        if (!await PasswordIsRightAsync(user, Password))
        {
            ErrorMessage = "That password is not right. Enter your current password to remove this method.";
            Password = null;
            ModelState.Clear();
            return Page();
        }

        await methods.RemoveAsync(user, Channel, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        StatusMessage = IsLast
            ? $"{ChannelText.Name(Channel)} was removed. Two-factor sign-in is off."
            : $"{ChannelText.Name(Channel)} was removed.";
        return RedirectToPage("./TwoFactorAuthentication");
    });

    private async Task<bool> LoadAsync(IdentityUser user)
    {
        var all = await methods.GetMethodsAsync(user, HttpContext.RequestAborted);
        Method = all.FirstOrDefault(m => m.Channel == Channel);
        IsLast = all.Count == 1;
        return Method is not null;
    }
}
