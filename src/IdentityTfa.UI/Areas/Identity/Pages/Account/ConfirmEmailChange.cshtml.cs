namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's confirmation of a changed email address (the link sent from the Email settings page) in this package's design and languages.</summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(ConfirmEmailChangeModel<>))]
public abstract class ConfirmEmailChangeModel : PageModel
{
    /// <summary>Whether the new address is now the account's.</summary>
    public bool Changed { get; protected set; }

    /// <summary>Why the change failed, when it did.</summary>
    public string? ErrorMessage { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync(string? userId, string? email, string? code) => throw new NotImplementedException();
}

internal sealed class ConfirmEmailChangeModel<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    IStringLocalizer<LayoutText> text) : ConfirmEmailChangeModel where TUser : class
{
    public override async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code))
        {
            return LocalRedirect(Url.Content("~/"));
        }

        var user = await users.FindByIdAsync(userId);
        var token = LinkCode.Decode(code);
        if (user is null || token is null || !(await users.ChangeEmailAsync(user, email, token)).Succeeded)
        {
            ErrorMessage = text["Error changing your email. The link may be old or already used."];
            return Page();
        }

        // The shop signs in with the email as user name (as Identity UI does), so the name follows the address.
        if (!(await users.SetUserNameAsync(user, email)).Succeeded)
        {
            ErrorMessage = text["Error changing your user name."];
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }
}
