namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Identity UI's "Manage email" page in this package's design and words (its own puts the label of a confirmed
/// address under the wrong box). The behaviour is Identity UI's: a new address is only used once its link is followed.
/// </summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(EmailModel<>))]
public abstract class EmailModel : ManagePageModel
{
    public string? Email { get; protected set; }

    public bool IsEmailConfirmed { get; protected set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostChangeEmailAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostSendVerificationEmailAsync() => throw new NotImplementedException();

    /// <summary>The new address the user typed.</summary>
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your new email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        [Display(Name = "New email")]
        public string NewEmail { get; set; } = string.Empty;
    }
}

internal sealed class EmailModel<TUser>(UserManager<TUser> users, IEmailSender emailSender, PublicLinks links, IStringLocalizer<ManageText> t) : EmailModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
    {
        await LoadAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostChangeEmailAsync() => this.WithUserAsync(users, async user =>
    {
        if (!ModelState.IsValid)
        {
            ErrorMessage = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault();
            await LoadAsync(user);
            return Page();
        }

        if (Input.NewEmail == await users.GetEmailAsync(user))
        {
            StatusMessage = t["Your email is unchanged."];
            return RedirectToPage();
        }

        var code = await users.GenerateChangeEmailTokenAsync(user, Input.NewEmail);
        var link = this.MailLink(links, "/Account/ConfirmEmailChange",
            new { area = "Identity", userId = await users.GetUserIdAsync(user), email = Input.NewEmail, code = Encode(code) });
        await SendLinkAsync(Input.NewEmail, link);
        StatusMessage = t["Confirmation link to change email sent. Please check your email."];
        return RedirectToPage();
    });

    public override Task<IActionResult> OnPostSendVerificationEmailAsync() => this.WithUserAsync(users, async user =>
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = this.MailLink(links, "/Account/ConfirmEmail",
            new { area = "Identity", userId = await users.GetUserIdAsync(user), code = Encode(code) });
        await SendLinkAsync((await users.GetEmailAsync(user))!, link);
        StatusMessage = t["Verification email sent. Please check your email."];
        return RedirectToPage();
    });

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private Task SendLinkAsync(string email, string link) => emailSender.SendEmailAsync(
        email,
        t["Confirm your email"],
        t["Please confirm your account by <a href='{0}'>clicking here</a>.", HtmlEncoder.Default.Encode(link)]);

    private async Task LoadAsync(TUser user)
    {
        Email = await users.GetEmailAsync(user);
        IsEmailConfirmed = await users.IsEmailConfirmedAsync(user);

        // The box for the new address starts empty (Identity UI fills it with the current one, which the page shows above
        // it and which would read as a change already made).
    }
}
