namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's "Resend email confirmation" in this package's design and languages. Identity UI says "sent" as a
/// model error; here it is a status, the same for every address so that the page tells no one who has an account.
/// </summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(ResendEmailConfirmationModel<>))]
public abstract class ResendEmailConfirmationModel : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Shown once the form is sent.</summary>
    public string? StatusMessage { get; protected set; }

    public class InputModel : EmailInputModel;

    public virtual void OnGet()
    {
    }

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class ResendEmailConfirmationModel<TUser>(
    UserManager<TUser> users,
    IEmailSender emailSender,
    PublicLinks links,
    IStringLocalizer<LayoutText> text) : ResendEmailConfirmationModel where TUser : class
{
    public override Task<IActionResult> OnPostAsync() => this.MailAccountLinkAsync(
        users,
        emailSender,
        links,
        Input.Email,
        emailConfirmed: false,
        "/Account/ConfirmEmail",
        async user => new
        {
            area = "Identity",
            userId = await users.GetUserIdAsync(user),
            code = LinkCode.Encode(await users.GenerateEmailConfirmationTokenAsync(user)),
        },
        link => (text["Confirm your email"], text["To confirm your account, <a href='{0}'>follow this link</a>", link]),
        () =>
        {
            StatusMessage = text["If that address has an account waiting for confirmation, we have sent it a new link. Check your email."];
            ModelState.Clear();
            Input = new InputModel();
            return Page();
        });
}
