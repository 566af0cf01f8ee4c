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

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "That email is too long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;
    }

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
    public override async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is not null && !await users.IsEmailConfirmedAsync(user))
        {
            var userId = await users.GetUserIdAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            var link = this.MailLink(links, "/Account/ConfirmEmail", new { area = "Identity", userId, code });
            await emailSender.SendEmailAsync(
                email,
                text["Confirm your email"],
                text["To confirm your account, <a href='{0}'>follow this link</a>", HtmlEncoder.Default.Encode(link)]);
        }

        StatusMessage = text["If that address has an account waiting for confirmation, we have sent it a new link. Check your email."];
        ModelState.Clear();
        Input = new InputModel();
        return Page();
    }
}
