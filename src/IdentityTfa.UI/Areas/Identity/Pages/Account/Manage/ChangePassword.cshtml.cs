namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Identity UI's "Change password" page in this package's design and words, with Identity UI's behaviour.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(ChangePasswordModel<>))]
public abstract class ChangePasswordModel : ManagePageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();

    /// <summary>The current password and the new one twice.</summary>
    public sealed class InputModel : NewPasswordInputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string OldPassword { get; set; } = string.Empty;
    }
}

internal sealed class ChangePasswordModel<TUser>(UserManager<TUser> users, SignInManager<TUser> signIn, IStringLocalizer<ManageText> t) : ChangePasswordModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
        await users.HasPasswordAsync(user) ? Page() : RedirectToPage("./SetPassword"));

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, user => this.SavePasswordAsync(
        signIn,
        user,
        () => users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword),
        () => Input = new InputModel(),
        t["Your password has been changed."],
        redirectTo: null));
}
