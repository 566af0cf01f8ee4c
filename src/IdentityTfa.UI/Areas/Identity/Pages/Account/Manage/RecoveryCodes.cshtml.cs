using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Shows a new set of recovery codes once, and makes a new set on demand after the password.</summary>
public class RecoveryCodesModel(UserManager<IdentityUser> users) : ManagePage(users)
{
    public const string NewCodesKey = "RecoveryCodes";
    private const int CodeCount = 10;

    public IReadOnlyList<string> NewCodes { get; private set; } = [];

    public int CodesLeft { get; private set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    public string DownloadHref => "data:text/plain;charset=utf-8," + Uri.EscapeDataString(
        "Recovery codes. Each works once, in place of a code, when you cannot get one.\n\n" + string.Join("\n", NewCodes) + "\n");

    public Task<IActionResult> OnGetAsync() => WithUserAsync(async user =>
    {
        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        NewCodes = TempData[NewCodesKey] as string[] ?? [];
        CodesLeft = await Users.CountRecoveryCodesAsync(user);
        return Page();
    });

    public Task<IActionResult> OnPostAsync() => WithUserAsync(async user =>
    {
        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        if (!await PasswordIsRightAsync(user, Password))
        {
            ErrorMessage = "That password is not right. Enter your current password to make new recovery codes.";
            CodesLeft = await Users.CountRecoveryCodesAsync(user);
            Password = null;
            ModelState.Clear();
            return Page();
        }

        TempData[NewCodesKey] = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, CodeCount))!.ToArray();
        StatusMessage = "You have a new set of recovery codes. The old ones no longer work.";
        return RedirectToPage();
    });
}
