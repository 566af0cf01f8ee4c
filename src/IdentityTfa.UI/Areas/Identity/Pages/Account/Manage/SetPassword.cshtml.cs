namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Identity UI's "Set password" page (for an account that has none) in this package's design and words, with Identity UI's behaviour.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(SetPasswordModel<>))]
public abstract class SetPasswordModel : ManagePageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();

    /// <summary>The new password twice.</summary>
    public sealed class InputModel : NewPasswordInputModel;
}

internal sealed class SetPasswordModel<TUser>(UserManager<TUser> users, SignInManager<TUser> signIn, IStringLocalizer<ManageText> t) : SetPasswordModel
    where TUser : class
{
    // An account that has a password changes it on the other page, which asks for the current one.
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
        await users.HasPasswordAsync(user) ? RedirectToPage("./ChangePassword") : Page());

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, user => this.SavePasswordAsync(
        signIn,
        user,
        () => users.AddPasswordAsync(user, Input.NewPassword),
        () => Input = new InputModel(),
        t["Your password has been set."],
        redirectTo: "./ChangePassword"));
}
