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
    public sealed class InputModel
    {
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

internal sealed class SetPasswordModel<TUser>(UserManager<TUser> users, SignInManager<TUser> signIn, IStringLocalizer<ManageText> t) : SetPasswordModel
    where TUser : class
{
    // An account that has a password changes it on the other page, which asks for the current one.
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
        await users.HasPasswordAsync(user) ? RedirectToPage("./ChangePassword") : Page());

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, async user =>
    {
        if (!ModelState.IsValid)
        {
            return Refused(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }

        var added = await users.AddPasswordAsync(user, Input.NewPassword);
        if (!added.Succeeded)
        {
            return Refused(added.Errors.Select(e => e.Description));
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = t["Your password has been set."];
        return RedirectToPage("./ChangePassword");
    });

    private PageResult Refused(IEnumerable<string> errors)
    {
        ErrorMessage = string.Join(" ", errors.Distinct());
        Input = new InputModel();
        ModelState.Clear();
        return Page();
    }
}
