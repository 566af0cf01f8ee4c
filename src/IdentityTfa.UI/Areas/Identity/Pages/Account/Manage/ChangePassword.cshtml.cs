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
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string OldPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(100, MinimumLength = 6, ErrorMessage = "The new password must be at least {2} and at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(NewPassword), ErrorMessage = "The new password and its confirmation do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}

internal sealed class ChangePasswordModel<TUser>(UserManager<TUser> users, SignInManager<TUser> signIn, IStringLocalizer<ManageText> t) : ChangePasswordModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
        await users.HasPasswordAsync(user) ? Page() : RedirectToPage("./SetPassword"));

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, async user =>
    {
        if (!ModelState.IsValid)
        {
            return Refused(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }

        var changed = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            return Refused(changed.Errors.Select(e => e.Description));
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = t["Your password has been changed."];
        return RedirectToPage();
    });

    private PageResult Refused(IEnumerable<string> errors)
    {
        ErrorMessage = string.Join(" ", errors.Distinct());
        Input = new InputModel();
        ModelState.Clear();
        return Page();
    }
}
