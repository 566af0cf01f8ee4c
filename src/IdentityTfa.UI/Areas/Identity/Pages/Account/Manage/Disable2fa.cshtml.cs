namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns two-factor sign-in off after the password is given again. Replaces Identity UI's page, which asks for nothing.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(Disable2faModel<>))]
public abstract class Disable2faModel : PasswordCheckPageModel
{
    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class Disable2faModel<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    ITwoFactorMethodManager<TUser> methods,
    IStringLocalizer<ManageText> t) : Disable2faModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
        await users.GetTwoFactorEnabledAsync(user) ? Page() : RedirectToPage("./TwoFactorAuthentication"));

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, async user =>
    {
        if (!await users.PasswordIsRightAsync(user, Password))
        {
            return WrongPassword(t["That password is not right. Enter your current password to turn off two-factor sign-in."]);
        }

        await methods.DisableAsync(user, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        StatusMessage = t["Two-factor sign-in is off."];
        return RedirectToPage("./TwoFactorAuthentication");
    });
}
