namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's "check your email" after registering, in this package's design and languages. It says the same for
/// every address: Identity UI's own page looks the address up and shows a confirmation link (or "not found"), which
/// tells anyone which addresses have accounts and, with the stand-in sender, hands out the link itself.
/// </summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(RegisterConfirmationModel<>))]
public abstract class RegisterConfirmationModel : PageModel
{
    public string Email { get; protected set; } = string.Empty;

    public virtual Task<IActionResult> OnGetAsync(string? email, string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class RegisterConfirmationModel<TUser> : RegisterConfirmationModel where TUser : class
{
    public override Task<IActionResult> OnGetAsync(string? email, string? returnUrl = null)
    {
        if (string.IsNullOrEmpty(email))
        {
            return Task.FromResult<IActionResult>(LocalRedirect(Url.Content("~/")));
        }

        Email = email;
        return Task.FromResult<IActionResult>(Page());
    }
}
