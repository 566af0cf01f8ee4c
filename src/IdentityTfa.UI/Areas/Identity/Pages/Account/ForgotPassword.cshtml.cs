namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's "Forgot your password?" in this package's design and languages: sends a reset link to a confirmed account, and says the same whether or not there is one.</summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(ForgotPasswordModel<>))]
public abstract class ForgotPasswordModel : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public class InputModel : EmailInputModel;

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class ForgotPasswordModel<TUser>(
    UserManager<TUser> users,
    IEmailSender emailSender,
    PublicLinks links,
    IStringLocalizer<LayoutText> text) : ForgotPasswordModel where TUser : class
{
    // The confirmation page is the same for an unknown or unconfirmed address: it must not tell who has an account.
    public override Task<IActionResult> OnPostAsync() => this.MailAccountLinkAsync(
        users,
        emailSender,
        links,
        Input.Email,
        emailConfirmed: true,
        "/Account/ResetPassword",
        async user => new { area = "Identity", code = LinkCode.Encode(await users.GeneratePasswordResetTokenAsync(user)) },
        link => (text["Reset your password"], text["If you did not ask for a new password, ignore this email. To choose a new password, <a href='{0}'>follow this link</a>", link]),
        () => RedirectToPage("./ForgotPasswordConfirmation"));
}
