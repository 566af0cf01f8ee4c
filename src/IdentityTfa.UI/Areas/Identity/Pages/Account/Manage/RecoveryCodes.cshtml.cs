namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Shows a new set of recovery codes once, until the user says they are saved, and makes a new set on demand after the password.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(RecoveryCodesModel<>))]
public abstract class RecoveryCodesModel : PasswordCheckPageModel
{
    public const string NewCodesKey = "RecoveryCodes";

    public IReadOnlyList<string> NewCodes { get; protected set; } = [];

    public int CodesLeft { get; protected set; }

    /// <summary>The new codes as a text file to download, or empty when none are shown.</summary>
    public string DownloadHref { get; protected set; } = string.Empty;

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();

    /// <summary>"I have saved these codes": on to the two-factor overview.</summary>
    public virtual IActionResult OnPostSaved() => throw new NotImplementedException();
}

internal sealed class RecoveryCodesModel<TUser>(UserManager<TUser> users, IStringLocalizer<ManageText> t) : RecoveryCodesModel
    where TUser : class
{
    private const int CodeCount = 10;

    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        NewCodes = TempData[NewCodesKey] as string[] ?? [];
        DownloadHref = NewCodes.Count == 0 ? string.Empty : "data:text/plain;charset=utf-8," + Uri.EscapeDataString(
            t["Recovery codes. Each works once, in place of a code, when you cannot get one."] + "\n\n" + string.Join("\n", NewCodes) + "\n");
        CodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, async user =>
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        if (!await users.PasswordIsRightAsync(user, Password))
        {
            CodesLeft = await users.CountRecoveryCodesAsync(user);
            return WrongPassword(t["That password is not right. Enter your current password to make new recovery codes."]);
        }

        TempData[NewCodesKey] = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, CodeCount))!.ToArray();
        StatusMessage = t["You have a new set of recovery codes. The old ones no longer work."];
        return RedirectToPage();
    });

    public override IActionResult OnPostSaved() => RedirectToPage("./TwoFactorAuthentication");
}
