using IdentityTfa.Phones;
using IdentityTfa.Registration;


namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Registration; with a phone number and its code, the account starts with two-factor sign-in on.</summary>
[AllowAnonymous]
[TwoFactorDefaultUI(typeof(RegisterModel<>))]
public abstract class RegisterModel : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; protected set; } = "/";

    public string? PhoneStatus { get; protected set; }

    /// <summary>The number a code was sent to, in full and in international format, while its code is awaited.</summary>
    public string? CodeSentTo { get; protected set; }

    public string? ErrorMessage { get; protected set; }

    public IReadOnlyList<string>? RecoveryCodes { get; protected set; }

    public bool Done { get; protected set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.com.")]
        [StringLength(256, ErrorMessage = "That email is too long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(100, ErrorMessage = "The password must be at least {2} and at most {1} characters long.", MinimumLength = 8)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare("Password", ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;

        [Display(Name = "Phone number (optional)")]
        [StringLength(40, ErrorMessage = "That is too long for a phone number.")]
        public string? Phone { get; set; }

        [Display(Name = "Verification code")]
        [StringLength(32, ErrorMessage = "That is too long for a verification code.")]
        public string? Code { get; set; }
    }

    public virtual void OnGet(string? returnUrl = null) => throw new NotImplementedException();

    /// <summary>"Send code": proves the phone before the account exists; every other field typed is kept.</summary>
    public virtual Task<IActionResult> OnPostSendCodeAsync(string? returnUrl = null) => throw new NotImplementedException();

    /// <summary>"Change number": back to the phone field, every other field typed kept.</summary>
    public virtual IActionResult OnPostChangePhone(string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync(string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class RegisterModel<TUser>(
    AccountRegistrar<TUser> registrar,
    IRegistrationCodeService registrationCodes,
    IPhoneNumberParser phones,
    PublicLinks links,
    ISitePolicyStore policies,
    IStringLocalizer<AccountText> t) : RegisterModel
    where TUser : class
{
    public override void OnGet(string? returnUrl = null) => ReturnUrl = Url.LocalOrHome(returnUrl);

    public override async Task<IActionResult> OnPostSendCodeAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        ModelState.Clear();
        var phone = await AllowedMobileAsync(Input.Phone);
        if (phone is null)
        {
            return Page();
        }

        Input.Phone = phone;
        var sent = await registrationCodes.SendAsync(phone, HttpContext.RequestAborted);
        ErrorMessage = CodeMessages.ForRefusal(t, sent);
        if (ErrorMessage is null)
        {
            CodeSentTo = PhoneDisplay.International(phone);
            PhoneStatus = t["We sent a code to {0}. Enter it below with your other details.", CodeSentTo];
        }

        return Page();
    }

    public override IActionResult OnPostChangePhone(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        ModelState.Clear();
        Input.Code = null;
        return Page();
    }

    public override async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(Input.Phone))
        {
            phone = await AllowedMobileAsync(Input.Phone);
            if (phone is null)
            {
                return Page();
            }

            CodeSentTo = PhoneDisplay.International(phone);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await registrar.RegisterAsync(Input.Email.Trim(), Input.Password, phone, Input.Code,
            new RegistrationLinks(
                (userId, token) => this.MailLink(links, "/Account/ConfirmEmail", new { area = "Identity", userId, code = token, returnUrl = ReturnUrl }),
                this.MailLink(links, "/Account/Login", new { area = "Identity" }),
                this.MailLink(links, "/Account/ForgotPassword", new { area = "Identity" })),
            HttpContext.RequestAborted);
        switch (result)
        {
            case RegistrationResult.Created created:
                Done = true;
                RecoveryCodes = created.RecoveryCodes;
                return Page();
            case RegistrationResult.CodeRefused refused:
                ErrorMessage = CodeMessages.For(t, refused.Result);
                return Page();
            case RegistrationResult.Refused refused:
                foreach (var error in refused.Errors)
                {
                    ModelState.AddModelError(string.Empty, error);
                }

                return Page();
            default:
                throw new InvalidOperationException("Unknown registration result.");
        }
    }

    /// <summary>The number typed (E.164), where it is a mobile one this shop lets customers use; else null, with the page's error set.</summary>
    private async Task<string?> AllowedMobileAsync(string? input)
    {
        var parsed = ParseMobile(input);
        if (!parsed.IsValid)
        {
            ErrorMessage = t[parsed.Error ?? "Enter a phone number."];
            return null;
        }

        if (!await PhoneAllowedAsync())
        {
            ErrorMessage = t["This shop does not let customers sign in with text messages. Leave the phone number empty."];
            return null;
        }

        return parsed.E164!;
    }

    /// <summary>A new account is a customer's: a phone's text messages only where the site policy lets customers use them.</summary>
    private async Task<bool> PhoneAllowedAsync() =>
        (await policies.GetAsync(HttpContext.RequestAborted)).CustomerMethods.Contains(DeliveryChannel.Sms);

    /// <summary>Registration codes go by text message, so the number must be able to receive one.</summary>
    private PhoneParseResult ParseMobile(string? input)
    {
        var parsed = phones.Parse(input);
        return parsed.IsValid && !parsed.CanReceiveText
            ? new PhoneParseResult(null, "That number cannot receive text messages. Enter a mobile number, or leave it empty and add a phone later.")
            : parsed;
    }
}
