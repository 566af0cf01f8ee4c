using IdentityTfa.TokenProviders;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// Asks a signed-in user for a code again, for places where a trusted browser or an old sign-in is not enough (the
/// admin area; changing the password, email or second factor). The user stays signed in and the trusted device stays
/// trusted; an account without a second factor signs in again with its password instead.
/// </summary>
[TwoFactorDefaultUI(typeof(StepUpModel<>))]
public abstract class StepUpModel : PageModel
{
    public string ReturnUrl { get; protected set; } = "/";

    /// <summary>Whether the account can step up with a code; else it signs in again with its password.</summary>
    public bool WithCode { get; protected set; }

    internal ActiveChallenge? Pending { get; private protected set; }

    public string? Destination { get; protected set; }

    /// <summary>The ways a code can be sent, each with the words of its button.</summary>
    public IReadOnlyList<(DeliveryChannel Channel, string Label)> Channels { get; protected set; } = [];

    public string? ErrorMessage { get; protected set; }

    /// <summary>
    /// Whether only a strong method (the authenticator app; passkeys later) will do, as for an admin whose role the
    /// site policy asks one of: then only those are offered.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public bool Strong { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the verification code.")]
    [StringLength(32, ErrorMessage = "That is too long for a verification code.")]
    [Display(Name = "Verification code")]
    public string Code { get; set; } = string.Empty;

    public virtual Task<IActionResult> OnGetAsync(string? returnUrl = null) => throw new NotImplementedException();

    /// <summary>Signs out, to sign in again (with a code where the account has one) and come back.</summary>
    public virtual Task<IActionResult> OnPostAsync(string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostSendAsync(DeliveryChannel? channel, string? returnUrl = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostVerifyAsync(string? returnUrl = null) => throw new NotImplementedException();

    /// <summary>Whether the user may confirm with a passkey ("Use a passkey"), the strongest way.</summary>
    public bool OffersPasskey { get; protected set; }

    /// <summary>On a <see cref="Strong"/> step-up, the methods the user's role counts, in words ("Your role needs a passkey or an authenticator app.").</summary>
    public string? StrongReason { get; protected set; }

    /// <summary>The WebAuthn request options for the signed-in user's passkeys, as JSON for the page's script.</summary>
    public virtual Task<IActionResult> OnPostPasskeyOptionsAsync() => throw new NotImplementedException();

    /// <summary>The browser's passkey answer (JSON): when it is one of the user's passkeys, the session counts as just confirmed.</summary>
    public virtual Task<IActionResult> OnPostPasskeyAsync(string? credential, string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class StepUpModel<TUser>(
    SignInManager<TUser> signIn,
    ITwoFactorCodeSender<TUser> codes,
    VerificationOutcome outcome,
    IStringLocalizer<AccountText> t,
    ISitePolicyStore policies,
    IdentityTfa.Passkeys.PasskeySecondStep<TUser> passkeys) : StepUpModel
    where TUser : class
{
    private UserManager<TUser> Users => signIn.UserManager;

    /// <summary>The methods a strong step-up takes: those of the user's role rule, else the strong ones.</summary>
    private async Task<IReadOnlyList<DeliveryChannel>> CountedAsync(TUser user) =>
        await SiteMethods.RequiredForAsync(Users, user, await policies.GetAsync(HttpContext.RequestAborted)) ?? SiteMethods.Strong;

    // The passkey handlers answer only when the page offers a passkey (enrolled, allowed, and counted for this step-up).
    public override async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await LoadAsync(user);
        return OffersPasskey && await passkeys.MakeStepUpOptionsAsync(user) is { } json ? Content(json, "application/json") : NotFound();
    }

    public override async Task<IActionResult> OnPostPasskeyAsync(string? credential, string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await LoadAsync(user);
        if (!OffersPasskey)
        {
            return NotFound();
        }

        // A refused passkey counts toward lockout as a wrong code does.
        ErrorMessage = await ConfirmAsync(user, DeliveryChannel.Passkey, () => passkeys.StepUpAsync(user, credential), () => t["The passkey was not accepted. Try again, or use a code."]);
        if (ErrorMessage is null)
        {
            return LocalRedirect(ReturnUrl);
        }

        ModelState.Clear();
        await LoadAsync(user);
        return Page();
    }

    public override async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var awaited = Strong ? await codes.GetPendingSignInChannelAsync(user, HttpContext.RequestAborted) : null;
        var counted = Strong ? await CountedAsync(user) : SiteMethods.All;
        if (Strong && (awaited is null || !counted.Contains(awaited.Value)))
        {
            // Nothing is sent for the app: this only makes its code the one awaited, so the form takes it at once.
            var strong = (await codes.GetSignInChannelsAsync(user, HttpContext.RequestAborted)).FirstOrDefault(c => c.Channel == DeliveryChannel.Authenticator && counted.Contains(c.Channel));
            if (strong is not null)
            {
                await codes.SendSignInCodeAsync(user, strong.Channel, HttpContext.RequestAborted);
            }
        }

        await LoadAsync(user);
        return Page();
    }

    public override async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.SignOutAsync();
        return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
    }

    public override async Task<IActionResult> OnPostSendAsync(DeliveryChannel? channel, string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var pending = await codes.GetPendingSignInCodeAsync(user, HttpContext.RequestAborted);
        var sent = await codes.SendSignInCodeAsync(user, channel ?? pending?.Channel, HttpContext.RequestAborted);
        ModelState.Clear();
        ErrorMessage = sent is SendCodeResult.TooSoon tooSoon
            ? CodeMessages.ResendWait(t, (int)Math.Ceiling(tooSoon.RetryAfter.TotalSeconds))
            : CodeMessages.ForRefusal(t, sent);
        await LoadAsync(user);
        return Page();
    }

    public override async Task<IActionResult> OnPostVerifyAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.LocalOrHome(returnUrl);
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            ErrorMessage = ModelState.Values.SelectMany(v => v.Errors).FirstOrDefault()?.ErrorMessage;
            await LoadAsync(user);
            return Page();
        }

        var channel = await codes.GetPendingSignInChannelAsync(user, HttpContext.RequestAborted) ?? DeliveryChannel.Sms;
        ErrorMessage = await ConfirmAsync(user, channel, () => Users.VerifyTwoFactorTokenAsync(user, TwoFactorProviderNames.For(channel), Code), () => CodeMessages.For(t, outcome.Last));
        if (ErrorMessage is null)
        {
            return LocalRedirect(ReturnUrl);
        }

        Code = string.Empty;
        ModelState.Clear();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>
    /// The step-up's check within Identity's lockout: refused while locked out; once it passes, the failures are
    /// forgiven and the session counts as just confirmed with <paramref name="channel"/>; a failure counts toward
    /// lockout. Null when it passed, else the message to show (<paramref name="refused"/>, or the lockout's).
    /// </summary>
    private async Task<string?> ConfirmAsync(TUser user, DeliveryChannel channel, Func<Task<bool>> check, Func<string> refused)
    {
        if (Users.SupportsUserLockout && await Users.IsLockedOutAsync(user))
        {
            return LockoutMessage.For(t, await Users.GetLockoutEndDateAsync(user));
        }

        if (await check())
        {
            await Users.ResetAccessFailedCountAsync(user);
            await signIn.RefreshWithSecondFactorAsync(user, HttpContext, channel);
            return null;
        }

        if (Users.SupportsUserLockout)
        {
            await Users.AccessFailedAsync(user);
        }

        return Users.SupportsUserLockout && await Users.IsLockedOutAsync(user) ? LockoutMessage.For(t, await Users.GetLockoutEndDateAsync(user)) : refused();
    }

    private async Task LoadAsync(TUser user)
    {
        WithCode = await signIn.IsTwoFactorEnabledAsync(user);
        if (!WithCode)
        {
            return;
        }

        Pending = await codes.GetPendingSignInCodeAsync(user, HttpContext.RequestAborted);
        Destination = Pending is null ? null : ChannelText.SentTo(t, Pending.Channel, Pending.MaskedDestination);
        var counted = Strong ? await CountedAsync(user) : SiteMethods.All;
        StrongReason = Strong ? RoleMethodWords.Needs(t, counted) : null;
        var enrolled = await codes.GetSignInChannelsAsync(user, HttpContext.RequestAborted);
        var channels = enrolled.Where(c => c.Channel != DeliveryChannel.Passkey && counted.Contains(c.Channel));
        OffersPasskey = enrolled.Any(c => c.Channel == DeliveryChannel.Passkey) && counted.Contains(DeliveryChannel.Passkey);
        Channels = channels.Select(c => (c.Channel, ChannelText.SendTo(t, c.Channel, c.MaskedDestination, instead: Pending is not null))).ToList();
    }
}
