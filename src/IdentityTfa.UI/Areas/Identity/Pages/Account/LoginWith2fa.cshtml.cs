using IdentityTfa.Authenticator;
using IdentityTfa.Codes;
using IdentityTfa.Identity;
using IdentityTfa.Limits;
using IdentityTfa.TokenProviders;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The verify screen: the second step of signing in.</summary>
[AllowAnonymous]
[TwoFactorDefaultUI(typeof(LoginWith2faModel<>))]
public abstract class LoginWith2faModel : PageModel
{
    internal const string SendNoticeKey = "SendNotice";
    internal const string SendErrorKey = "SendError";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool RememberMe { get; protected set; }

    public string ReturnUrl { get; protected set; } = "/";

    /// <summary>The ways a code can be sent, each with the words of its button.</summary>
    internal IReadOnlyList<(SignInChannel Channel, string Label)> Channels { get; private protected set; } = [];

    internal ActiveChallenge? Pending { get; private protected set; }

    /// <summary>
    /// True when the account's only way is a passkey and no code waits: no code can come, so the screen offers the
    /// passkey (and "Trust this device") without a code field.
    /// </summary>
    internal bool PasskeyOnly => Pending is null && Channels.Count > 0 && Channels.All(c => c.Channel.Channel == DeliveryChannel.Passkey);

    /// <summary>"Check your phone", "We are calling you", "Check your email", "Use your passkey", or "Get a code" when none is waiting.</summary>
    public string Heading { get; protected set; } = string.Empty;

    /// <summary>Where the waiting code went, in a sentence; null when none is waiting.</summary>
    public string? Destination { get; protected set; }

    /// <summary>"Enter the 6-digit code", from the sign-in code policy.</summary>
    public string CodeLabel { get; protected set; } = string.Empty;

    /// <summary>"The code expires in 10 minutes.", from the sign-in code policy.</summary>
    public string CodeHint { get; protected set; } = string.Empty;

    /// <summary>"Trust this device for 30 days", from the trusted-device lifetime.</summary>
    public string TrustLabel { get; protected set; } = string.Empty;

    /// <summary>Seconds until a new code may be sent; 0 when one may be sent now.</summary>
    public int ResendSeconds { get; protected set; }

    /// <summary>Whether "Send new code" was just pressed too early: the countdown is then the page's answer.</summary>
    public bool ResendRefused { get; protected set; }

    /// <summary>Whether the code is awaited from the authenticator app, which nothing is sent to (so there is no "Send new code").</summary>
    public bool FromAuthenticator => Pending?.Channel == DeliveryChannel.Authenticator;

    public string? ErrorMessage { get; protected set; }

    /// <summary>True when the account reached the cap of second-factor failures: only a password reset by email lifts it.</summary>
    public bool SecondFactorStopped { get; protected set; }

    /// <summary>
    /// True while Identity's lockout holds: the screen says when to come back and offers nothing that would be refused
    /// until then (no code field, no sending, no passkey, no recovery code).
    /// </summary>
    internal bool LockedOut { get; private protected set; }

    // Not a [TempData] property: that would load and save the TempData cookie on every code entered (and send a
    // Set-Cookie deleting it with each answer); the notice is read from TempData only when the screen is shown.
    public string? StatusMessage { get; protected set; }

    public string CompanyName { get; protected set; } = string.Empty;

    public bool NumericCodes { get; protected set; } = true;

    /// <summary>The longest code the field accepts: the policy's length with room for spaces and dashes.</summary>
    public int CodeMaxLength { get; protected set; } = 32;

    public class InputModel
    {
        [Required(ErrorMessage = "Enter the verification code.")]
        [StringLength(32, ErrorMessage = "That is too long for a verification code.")]
        [Display(Name = "Verification code")]
        public string Code { get; set; } = string.Empty;

        [Display(Name = "Trust this device")]
        public bool TrustDevice { get; set; }
    }

    public virtual Task<IActionResult> OnGetAsync(bool rememberMe, string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync(bool rememberMe, string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostSendAsync(DeliveryChannel? channel, bool rememberMe, string? returnUrl = null) => throw new NotImplementedException();

    /// <summary>Whether the partially signed-in user may answer with a passkey ("Use a passkey").</summary>
    public bool OffersPasskey => Channels.Any(c => c.Channel.Channel == DeliveryChannel.Passkey);

    /// <summary>The WebAuthn request options for the partially signed-in user's passkeys, as JSON for the page's script.</summary>
    public virtual Task<IActionResult> OnPostPasskeyOptionsAsync() => throw new NotImplementedException();

    /// <summary>The browser's passkey answer (JSON): when it is a passkey of this user, the sign-in completes.</summary>
    public virtual Task<IActionResult> OnPostPasskeyAsync(string? credential, bool trustDevice, bool rememberMe, string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class LoginWith2faModel<TUser>(
    TwoFactorSignInManager<TUser> signIn,
    ITwoFactorCodeSender<TUser> codes,
    ISitePolicyStore policies,
    SecondFactorFailures failures,
    TimeProvider time,
    IStringLocalizer<AccountText> t,
    IdentityTfa.Passkeys.PasskeySecondStep<TUser> passkeys) : LoginWith2faModel
    where TUser : class
{
    public override async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        await passkeys.MakeRequestOptionsAsync() is { } json ? Content(json, "application/json") : NotFound();

    public override async Task<IActionResult> OnPostPasskeyAsync(string? credential, bool trustDevice, bool rememberMe, string? returnUrl = null)
    {
        Remember(rememberMe, returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInAgain();
        }

        var result = await passkeys.SignInAsync(credential, RememberMe, trustDevice);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        ModelState.Clear();
        Input.TrustDevice = trustDevice;
        ErrorMessage = result.IsLockedOut
            ? LockoutMessage.For(t, await signIn.UserManager.GetLockoutEndDateAsync(user))
            : result.IsNotAllowed ? t["This account cannot sign in."] : t["The passkey was not accepted. Try again, or use a code."];
        await LoadAsync(user);
        return Page();
    }

    public override async Task<IActionResult> OnGetAsync(bool rememberMe, string? returnUrl = null)
    {
        Remember(rememberMe, returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInAgain();
        }

        StatusMessage = TempData[SendNoticeKey] as string;
        ErrorMessage = TempData[SendErrorKey] as string;
        await LoadAsync(user);
        return Page();
    }

    public override async Task<IActionResult> OnPostAsync(bool rememberMe, string? returnUrl = null)
    {
        Remember(rememberMe, returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInAgain();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            // The code's own message first; else whatever else is wrong (a trust checkbox posted as "maybe").
            ErrorMessage = ModelState[$"{nameof(Input)}.{nameof(Input.Code)}"]?.Errors.FirstOrDefault()?.ErrorMessage
                ?? ModelState.Values.SelectMany(v => v.Errors).FirstOrDefault()?.ErrorMessage;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Code)}");
            return Page();
        }

        var result = await signIn.SecondFactorSignInAsync(user, new SecondFactor.Code(Input.Code), RememberMe, Input.TrustDevice);
        if (result is SecondFactorResult.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        // A stopped account is told so by LoadAsync, as when the screen is shown.
        ErrorMessage = result switch
        {
            SecondFactorResult.LockedOut locked => LockoutMessage.For(t, locked.Until),
            SecondFactorResult.NotAllowed => t["This account cannot sign in."],
            SecondFactorResult.Refused refused => CodeMessages.For(t, refused.Reason),
            _ => null,
        };
        Input.Code = string.Empty;
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Code)}");
        await LoadAsync(user);
        return Page();
    }

    public override async Task<IActionResult> OnPostSendAsync(DeliveryChannel? channel, bool rememberMe, string? returnUrl = null)
    {
        Remember(rememberMe, returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInAgain();
        }

        var pending = await codes.GetPendingSignInCodeAsync(user, HttpContext.RequestAborted);
        var sent = await codes.SendSignInCodeAsync(user, channel ?? pending?.Channel, HttpContext.RequestAborted);
        if (sent is SendCodeResult.TooSoon)
        {
            // Not an error: the countdown (what a browser with scripts shows before the press) is the answer.
            ModelState.Clear();
            await LoadAsync(user);
            ResendRefused = true;
            return Page();
        }

        var refusal = CodeMessages.ForRefusal(t, sent);
        if (refusal is not null)
        {
            ModelState.Clear();
            ErrorMessage = refusal;
            await LoadAsync(user);
            return Page();
        }

        // The authenticator app is sent nothing: its screen says where the code is.
        if (sent is not SendCodeResult.Sent { Channel: DeliveryChannel.Authenticator })
        {
            TempData[SendNoticeKey] = (sent is SendCodeResult.Sent done ? CodeMessages.FailoverNotice(t, done) : null)
                ?? t["We sent you a new code. Earlier codes no longer work."].Value;
        }

        return RedirectToPage(new { rememberMe = RememberMe, returnUrl = ReturnUrl });
    }

    private async Task LoadAsync(TUser user)
    {
        var tfa = (await policies.GetAsync(HttpContext.RequestAborted)).Options;
        var policy = tfa.Policies.SignIn;
        CompanyName = tfa.CompanyName;
        NumericCodes = policy.Type == CodeType.Numeric;
        CodeMaxLength = Math.Max(32, policy.Length * 2);
        CodeLabel = NumericCodes ? t["Enter the {0}-digit code", policy.Length] : t["Enter the {0}-character code", policy.Length];
        var minutes = Math.Max(1, (int)Math.Round(policy.Lifetime.TotalMinutes));
        CodeHint = minutes == 1 ? t["The code expires in 1 minute."] : t["The code expires in {0} minutes.", minutes];
        var days = Math.Max(1, (int)Math.Round(tfa.TrustedDeviceLifetime.TotalDays));
        TrustLabel = days == 1 ? t["Trust this device for 1 day"] : t["Trust this device for {0} days", days];

        Pending = await codes.GetPendingSignInCodeAsync(user, HttpContext.RequestAborted);
        if (Pending?.Channel == DeliveryChannel.Authenticator)
        {
            // The app's codes are 6 digits, each good for one time step.
            NumericCodes = true;
            CodeLabel = t["Enter the {0}-digit code", AuthenticatorCodes.Digits];
            CodeHint = t["The code in the app changes every {0} seconds; each code works once.", (int)tfa.Authenticator.TimeStep.TotalSeconds];
        }

        Heading = ChannelText.Heading(t, Pending?.Channel);
        Destination = Pending is null ? null : ChannelText.SentTo(t, Pending.Channel, Pending.MaskedDestination);
        var wait = Pending is null ? TimeSpan.Zero : Pending.SentAt + policy.ResendCooldown - time.GetUtcNow();
        ResendSeconds = wait > TimeSpan.Zero ? (int)Math.Ceiling(wait.TotalSeconds) : 0;

        var channels = await codes.GetSignInChannelsAsync(user, HttpContext.RequestAborted);
        // Strongest first (the authenticator app before texts, calls and email); the preferred one is what a sign-in opens with.
        Channels = channels.OrderBy(c => ChannelText.Strength(c.Channel))
            .Select(c => (c, ChannelText.SendTo(t, c.Channel, c.MaskedDestination, instead: Pending is not null))).ToList();
        if (PasskeyOnly)
        {
            Heading = t["Use your passkey"];
        }

        if (ErrorMessage is null && Pending is { IsExpired: true })
        {
            ErrorMessage = CodeMessages.For(t, new VerifyResult.Expired());
        }
        else if (ErrorMessage is null && Pending is { DeliveryFailed: true })
        {
            ErrorMessage = t["The code could not be delivered. Send a new code or choose another way."];
        }

        if (await failures.IsStoppedAsync(await signIn.UserManager.GetUserIdAsync(user), HttpContext.RequestAborted))
        {
            SecondFactorStopped = true;
            ErrorMessage = t["Too many wrong codes were entered for this account. Signing in with a second factor is stopped until you reset your password by email."];
        }
        else if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            LockedOut = true;
            Heading = t["Account locked"];
            ErrorMessage = LockoutMessage.For(t, await signIn.UserManager.GetLockoutEndDateAsync(user));
        }
    }

    private void Remember(bool rememberMe, string? returnUrl)
    {
        RememberMe = rememberMe;
        ReturnUrl = Url.LocalOrHome(returnUrl);
    }

    private RedirectToPageResult SignInAgain()
    {
        TempData["ErrorMessage"] = t["Your sign-in took too long. Please sign in again."].Value;
        return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
    }
}
