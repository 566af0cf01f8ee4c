namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>A settings page that asks for the account's password again before a change that weakens the account.</summary>
public abstract class PasswordCheckPageModel : ManagePageModel
{
    /// <summary>The password the user gave again.</summary>
    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    /// <summary>Redraws the page with <paramref name="message"/> and the password field emptied.</summary>
    private protected PageResult WrongPassword(string message)
    {
        ErrorMessage = message;
        Password = null;
        ModelState.Clear();
        return Page();
    }
}
