namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's "Forgot your password?" in this package's design and languages: sends a reset link to a confirmed account, and says the same whether or not there is one.</summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(ForgotPasswordModel<>))]
public abstract class ForgotPasswordModel : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "That email is too long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;
    }

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class ForgotPasswordModel<TUser>(
    UserManager<TUser> users,
    IEmailSender emailSender,
    PublicLinks links,
    IStringLocalizer<LayoutText> text) : ForgotPasswordModel where TUser : class
{
    public override async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());

        // The confirmation page is the same for an unknown or unconfirmed address: it must not tell who has an account.
        if (user is not null && await users.IsEmailConfirmedAsync(user))
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = this.MailLink(links, "/Account/ResetPassword", new { area = "Identity", code });
            await emailSender.SendEmailAsync(
                Input.Email.Trim(),
                text["Reset your password"],
                text["If you did not ask for a new password, ignore this email. To choose a new password, <a href='{0}'>follow this link</a>", HtmlEncoder.Default.Encode(link)]);
        }

        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
