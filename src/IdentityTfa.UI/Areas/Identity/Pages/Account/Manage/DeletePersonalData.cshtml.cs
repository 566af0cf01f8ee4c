namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Identity UI's "Delete personal data" page in this package's design and words: the password again, then the account is deleted and signed out.</summary>
[TwoFactorDefaultUI(typeof(DeletePersonalDataModel<>))]
public abstract class DeletePersonalDataModel : ManagePageModel
{
    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    /// <summary>Whether the account has a password to ask for (one that signs in only through another service has none).</summary>
    public bool RequirePassword { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class DeletePersonalDataModel<TUser>(UserManager<TUser> users, SignInManager<TUser> signIn, IStringLocalizer<ManageText> t) : DeletePersonalDataModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
    {
        RequirePassword = await users.HasPasswordAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, async user =>
    {
        RequirePassword = await users.HasPasswordAsync(user);
        if (RequirePassword && !await users.PasswordIsRightAsync(user, Password))
        {
            ErrorMessage = t["Incorrect password."];
            Password = null;
            ModelState.Clear();
            return Page();
        }

        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            // Identity UI treats this as a bug or an outage, not as an answer for the user.
            throw new InvalidOperationException("The account could not be deleted: " + string.Join(" ", deleted.Errors.Select(e => e.Code)));
        }

        await signIn.SignOutAsync();
        return Redirect("~/");
    });
}
