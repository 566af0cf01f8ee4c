using Microsoft.AspNetCore.Authentication;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The password step. Unknown accounts, wrong passwords, and lockouts or unconfirmed accounts behind a wrong password all get the same answer.</summary>
[AllowAnonymous]
[TwoFactorDefaultUI(typeof(LoginModel<>))]
public abstract class LoginModel : PageModel
{
    internal const string InvalidAttempt = "Invalid email or password.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; protected set; } = "/";

    [TempData]
    public string? ErrorMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your email.")]
        [StringLength(256, ErrorMessage = "That email is too long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256, ErrorMessage = "That password is too long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }

    public virtual Task OnGetAsync(string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync(string? returnUrl = null) => throw new NotImplementedException();

    /// <summary>Whether the site policy lets customers sign in with a passkey alone ("Sign in with a passkey").</summary>
    internal bool OffersPasskey { get; set; }

    /// <summary>The WebAuthn request options for a passkey alone (no user named), as JSON for the page's script; 404 when the policy does not allow it.</summary>
    public virtual Task<IActionResult> OnPostPasskeyOptionsAsync() => throw new NotImplementedException();

    /// <summary>The browser's passkey answer (JSON): when it is a passkey the account may sign in with, the account is signed in; 404 when the policy does not allow it.</summary>
    public virtual Task<IActionResult> OnPostPasskeyAsync(string? credential, bool rememberMe, string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class LoginModel<TUser>(
    SignInManager<TUser> signIn,
    ITwoFactorCodeSender<TUser> codes,
    IdentityTfa.Passkeys.PasskeyPasswordless<TUser> passkeys,
    IStringLocalizer<AccountText> t) : LoginModel
    where TUser : class
{
    public override async Task OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        OffersPasskey = await passkeys.IsOfferedAsync();
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public override async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        await passkeys.MakeRequestOptionsAsync() is { } json ? Content(json, "application/json") : NotFound();

    public override async Task<IActionResult> OnPostPasskeyAsync(string? credential, bool rememberMe, string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        if (!await passkeys.IsOfferedAsync())
        {
            return NotFound();
        }

        OffersPasskey = true;
        ModelState.Clear();
        switch (await passkeys.SignInAsync(credential, rememberMe))
        {
            case IdentityTfa.Passkeys.PasswordlessResult.SignedIn:
                return LocalRedirect(ReturnUrl);
            case IdentityTfa.Passkeys.PasswordlessResult.LockedOut:
                return RedirectToPage("./Lockout");
            case IdentityTfa.Passkeys.PasswordlessResult.PasswordNeeded:
                return Refuse(t["Your account must sign in with its password and a method of its role. Enter your email and password."]);
            case IdentityTfa.Passkeys.PasswordlessResult.NotAllowed:
                return Refuse(t["This account cannot sign in."]);
            default:
                return Refuse(t["The passkey was not accepted. Try again, or sign in with your password."]);
        }
    }

    public override async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        OffersPasskey = await passkeys.IsOfferedAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            UnknownAccountTiming.SpendLikeAPasswordCheck(signIn.UserManager.PasswordHasher, Input.Password);
            return Refuse(t[InvalidAttempt]);
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            // A passkey is asked for by the browser on the verify screen, never sent: when it is the account's first way,
            // no code goes out (and no "cannot send" is said). Else the verify screen shows where the code went; a
            // failover or a failure is said there too.
            var first = (await codes.GetSignInChannelsAsync(user, HttpContext.RequestAborted)).FirstOrDefault(c => c.IsPreferred);
            if (first?.Channel != DeliveryChannel.Passkey)
            {
                switch (await codes.SendSignInCodeAsync(user, channel: null, HttpContext.RequestAborted))
                {
                    case SendCodeResult.Sent sent when CodeMessages.FailoverNotice(t, sent) is { } notice:
                        TempData[LoginWith2faModel.SendNoticeKey] = notice;
                        break;
                    case var refused and not SendCodeResult.Sent and not SendCodeResult.TooSoon:
                        TempData[LoginWith2faModel.SendErrorKey] = CodeMessages.ForRefusal(t, refused);
                        break;
                }
            }

            return RedirectToPage("./LoginWith2fa", new { returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
        }

        // Identity answers "locked out" and "not allowed" before it looks at the password; say so only to
        // someone who knows the password, so that these answers do not reveal which accounts exist.
        if ((result.IsLockedOut || result.IsNotAllowed) && await signIn.UserManager.CheckPasswordAsync(user, Input.Password))
        {
            return Refuse(result.IsLockedOut
                ? LockoutMessage.For(t, await signIn.UserManager.GetLockoutEndDateAsync(user))
                : t["Confirm your email address before signing in. We can resend the confirmation email."]);
        }

        return Refuse(t[InvalidAttempt]);
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
