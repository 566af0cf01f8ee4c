using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>What every account settings page needs: the signed-in user, and a check of the password before a change that weakens the account.</summary>
public abstract class ManagePage(UserManager<IdentityUser> users) : PageModel
{
    protected UserManager<IdentityUser> Users { get; } = users;

    [TempData]
    public string? StatusMessage { get; set; }

    public string? ErrorMessage { get; protected set; }

    /// <summary>Runs <paramref name="action"/> for the signed-in user, or challenges when the session has none.</summary>
    protected async Task<IActionResult> WithUserAsync(Func<IdentityUser, Task<IActionResult>> action) =>
        await Users.GetUserAsync(User) is { } user ? await action(user) : Challenge();

    /// <summary>After a method is turned on: the first time two-factor sign-in is on, the recovery codes are shown once.</summary>
    protected async Task<IActionResult> FinishAsync(IdentityUser user, IdentityTfa.Methods.ITwoFactorMethodManager<IdentityUser> methods, string status)
    {
        StatusMessage = status;
        if (await methods.EnsureRecoveryCodesAsync(user, HttpContext.RequestAborted) is { } codes)
        {
            TempData[RecoveryCodesModel.NewCodesKey] = codes.ToArray();
            return RedirectToPage("./RecoveryCodes");
        }

        return RedirectToPage("./TwoFactorAuthentication");
    }

    /// <summary>Sends the user back to the status page, which says why, when the site does not offer two-factor sign-in to them.</summary>
    protected async Task<IActionResult> WhenOfferedAsync(IdentityTfa.Administration.ITwoFactorAdministration<IdentityUser> administration, Func<IdentityUser, Task<IActionResult>> action) =>
        await WithUserAsync(async user => await administration.IsOfferedToAsync(user, HttpContext.RequestAborted)
            ? await action(user)
            : RedirectToPage("./TwoFactorAuthentication"));

    protected async Task<bool> PasswordIsRightAsync(IdentityUser user, string? password) =>
        !string.IsNullOrEmpty(password) && password.Length <= 256 && await Users.CheckPasswordAsync(user, password);
}
