using System.Security.Claims;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's sign-in through another service (Google, Microsoft, ...) in this package's design and languages, with
/// Identity UI's behaviour: a known login signs in, a new one asks for the email of the account to create.
/// </summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(ExternalLoginModel<>))]
public abstract class ExternalLoginModel : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ProviderDisplayName { get; protected set; }

    public string? ReturnUrl { get; protected set; }

    /// <summary>Why the account could not be created, in the user's language.</summary>
    public string? ErrorMessage { get; protected set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;
    }

    public virtual IActionResult OnGet() => throw new NotImplementedException();

    public virtual IActionResult OnPost(string provider, string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnGetCallbackAsync(string? returnUrl = null, string? remoteError = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostConfirmationAsync(string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class ExternalLoginModel<TUser>(
    SignInManager<TUser> signIn,
    UserManager<TUser> users,
    IUserStore<TUser> store,
    IEmailSender emailSender,
    IStringLocalizer<LayoutText> text) : ExternalLoginModel where TUser : class
{
    public override IActionResult OnGet() => RedirectToPage("./Login");

    public override IActionResult OnPost(string provider, string? returnUrl = null)
    {
        var back = Url.Page("./ExternalLogin", pageHandler: "Callback", values: new { returnUrl });
        return new ChallengeResult(provider, signIn.ConfigureExternalAuthenticationProperties(provider, back));
    }

    public override async Task<IActionResult> OnGetCallbackAsync(string? returnUrl = null, string? remoteError = null)
    {
        returnUrl ??= Url.Content("~/");
        var info = remoteError is null ? await signIn.GetExternalLoginInfoAsync() : null;
        if (info is null)
        {
            // The sign-in page shows its own words; the service's error is for the logs, not for the user.
            return RedirectToPage("./Login", new { ReturnUrl = returnUrl });
        }

        // The external provider stands for the password, not for the second factor (Identity UI's template skips it).
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            return LocalRedirect(returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = returnUrl });
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        ReturnUrl = returnUrl;
        ProviderDisplayName = info.ProviderDisplayName;
        Input = new InputModel { Email = info.Principal.FindFirstValue(ClaimTypes.Email) ?? string.Empty };
        return Page();
    }

    public override async Task<IActionResult> OnPostConfirmationAsync(string? returnUrl = null)
    {
        returnUrl ??= Url.Content("~/");
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return RedirectToPage("./Login", new { ReturnUrl = returnUrl });
        }

        ProviderDisplayName = info.ProviderDisplayName;
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            ErrorMessage = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault();
            return Page();
        }

        var user = Activator.CreateInstance<TUser>();
        await store.SetUserNameAsync(user, Input.Email, HttpContext.RequestAborted);
        await ((IUserEmailStore<TUser>)store).SetEmailAsync(user, Input.Email, HttpContext.RequestAborted);
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddLoginAsync(user, info);
        }

        if (!created.Succeeded)
        {
            ErrorMessage = string.Join(" ", created.Errors.Select(e => e.Description).Distinct());
            return Page();
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = Url.Page("/Account/ConfirmEmail", pageHandler: null,
            values: new { area = "Identity", userId = await users.GetUserIdAsync(user), code }, protocol: Request.Scheme)!;
        await emailSender.SendEmailAsync(Input.Email, text["Confirm your email"],
            text["To confirm your account, <a href='{0}'>follow this link</a>", HtmlEncoder.Default.Encode(link)]);
        if (users.Options.SignIn.RequireConfirmedAccount)
        {
            return RedirectToPage("./RegisterConfirmation", new { Input.Email });
        }

        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        return LocalRedirect(returnUrl);
    }
}
