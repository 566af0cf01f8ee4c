namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns on email codes, to the account's email or to a new address that the code also confirms.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(AddEmailModel<>))]
public abstract class AddEmailModel : AddMethodByCodeModel
{
    [BindProperty]
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    /// <summary>The address a code was just sent to.</summary>
    [BindProperty]
    public string? PendingEmail { get; set; }
}

internal sealed class AddEmailModel<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    ITwoFactorCodeSender<TUser> codes,
    ITwoFactorMethodManager<TUser> methods,
    ITwoFactorAdministration<TUser> administration,
    ISitePolicyStore policies,
    IStringLocalizer<ManageText> t) : AddEmailModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        Email = await users.GetEmailAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostChangeAsync() => this.WhenOfferedAsync(users, administration, user =>
    {
        Email = PendingEmail;
        PendingEmail = null;
        return Task.FromResult<IActionResult>(Show());
    });

    public override Task<IActionResult> OnPostSendAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        var email = (PendingEmail ?? Email)?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            PendingEmail = null;
            ErrorMessage = t["Enter an email address such as name@example.com."];
            return Show();
        }

        // A method the site policy forbids this account is refused, not only left out of what is offered.
        if (!await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Email, policies, HttpContext.RequestAborted))
        {
            PendingEmail = null;
            ErrorMessage = t["This shop does not let customers use this sign-in method. Choose another one."];
            return Show();
        }

        // An address another account holds is answered as a free one (the sender withholds its code), so that this
        // page does not tell which addresses have accounts.
        PendingEmail = email;
        var sent = await codes.SendEmailVerificationCodeAsync(user, email, HttpContext.RequestAborted);
        ErrorMessage = CodeMessages.ForRefusal(t, sent);
        Sent = ErrorMessage is null ? t["We sent a code to {0}.", email].Value : null;
        return Show();
    });

    public override Task<IActionResult> OnPostVerifyAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        if (string.IsNullOrEmpty(PendingEmail) || PendingEmail.Length > 256)
        {
            PendingEmail = null;
            ErrorMessage = t["Enter your email address and send a code first."];
            return Show();
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 32)
        {
            ErrorMessage = t["Enter the verification code."];
            return Show();
        }

        if (!await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Email, policies, HttpContext.RequestAborted))
        {
            PendingEmail = null;
            ErrorMessage = t["This shop does not let customers use this sign-in method. Choose another one."];
            return Show();
        }

        var result = await methods.ConfirmEmailAsync(user, PendingEmail, Code, HttpContext.RequestAborted);
        if (result is not VerifyResult.Verified)
        {
            ErrorMessage = CodeMessages.For(t, result);
            return Show();
        }

        // The code just entered proves a factor the account now has: it counts as a recent second factor.
        await signIn.RefreshAfterNewFactorAsync(user, HttpContext);
        return await this.FinishAsync(user, methods, t["Your email address is verified. Two-factor sign-in by email is on."]);
    });

    private IActionResult Show()
    {
        Code = null;
        ModelState.Clear();
        return Page();
    }
}
