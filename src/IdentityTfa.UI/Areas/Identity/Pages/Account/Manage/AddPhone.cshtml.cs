using IdentityTfa.Phones;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Adds or changes the phone: a code proves the number before it replaces the current one.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(AddPhoneModel<>))]
public abstract class AddPhoneModel : AddMethodByCodeModel
{
    /// <summary>How the codes of this number go: text message (default) or voice call.</summary>
    [BindProperty]
    public DeliveryChannel Channel { get; set; } = DeliveryChannel.Sms;

    public bool VoiceAvailable { get; protected set; }

    [BindProperty]
    [Display(Name = "Phone number")]
    public string? PhoneNumber { get; set; }

    /// <summary>The number (E.164) a code was just sent to.</summary>
    [BindProperty]
    public string? PendingPhone { get; set; }

    /// <summary>The pending number in full, in international format, for the user to check.</summary>
    public string? PendingPhoneDisplay => PendingPhone is null ? null : PhoneDisplay.International(PendingPhone);

    /// <summary>The verified number codes go to now, masked.</summary>
    public string? CurrentPhone { get; protected set; }
}

internal sealed class AddPhoneModel<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    ITwoFactorCodeSender<TUser> codes,
    ITwoFactorMethodManager<TUser> methods,
    IPhoneNumberParser phones,
    IMessageDispatcher dispatcher,
    ITwoFactorAdministration<TUser> administration,
    ISitePolicyStore policies,
    IStringLocalizer<ManageText> t) : AddPhoneModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WhenOfferedAsync(users, administration, ShowAsync);

    public override Task<IActionResult> OnPostChangeAsync() => this.WhenOfferedAsync(users, administration, user =>
    {
        PhoneNumber = PendingPhoneDisplay;
        PendingPhone = null;
        return ShowAsync(user);
    });

    public override Task<IActionResult> OnPostSendAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        var parsed = phones.Parse(PendingPhone ?? PhoneNumber);
        if (!parsed.IsValid)
        {
            PendingPhone = null;
            ErrorMessage = t[parsed.Error ?? "Enter a phone number."];
            return await ShowAsync(user);
        }

        // A landline cannot get text messages: its codes are read out by a voice call.
        var voiceAvailable = dispatcher.CanSend(DeliveryChannel.Voice);
        Channel = !parsed.CanReceiveText || (Channel == DeliveryChannel.Voice && voiceAvailable) ? DeliveryChannel.Voice : DeliveryChannel.Sms;
        if (Channel == DeliveryChannel.Voice && !voiceAvailable)
        {
            PendingPhone = null;
            ErrorMessage = t["That number is a landline, which cannot receive text messages, and voice calls are not available. Enter a mobile number."];
            return await ShowAsync(user);
        }

        // A method the site policy forbids this account is refused, not only left out of what is offered.
        if (!await SiteMethods.IsAllowedAsync(users, user, Channel, policies, HttpContext.RequestAborted))
        {
            PendingPhone = null;
            ErrorMessage = t["This shop does not let customers use this sign-in method. Choose another one."];
            return await ShowAsync(user);
        }

        PendingPhone = parsed.E164;
        var sent = await codes.SendPhoneVerificationCodeAsync(user, parsed.E164!, Channel, HttpContext.RequestAborted);
        ErrorMessage = CodeMessages.ForRefusal(t, sent);
        if (ErrorMessage is not null)
        {
            PhoneNumber = PendingPhoneDisplay;
            PendingPhone = null;
        }

        Sent = ErrorMessage is null
            ? Channel == DeliveryChannel.Voice
                ? t["We are calling {0} to read you a code.", PendingPhoneDisplay!].Value
                : t["We sent a code to {0}.", PendingPhoneDisplay!].Value
            : null;
        return await ShowAsync(user);
    });

    public override Task<IActionResult> OnPostVerifyAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        var parsed = phones.Parse(PendingPhone);
        if (!parsed.IsValid)
        {
            PendingPhone = null;
            ErrorMessage = t["Enter your phone number and send a code first."];
            return await ShowAsync(user);
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 32)
        {
            ErrorMessage = t["Enter the verification code."];
            return await ShowAsync(user);
        }

        if (!await SiteMethods.IsAllowedAsync(users, user, Channel == DeliveryChannel.Voice ? DeliveryChannel.Voice : DeliveryChannel.Sms, policies, HttpContext.RequestAborted))
        {
            PendingPhone = null;
            ErrorMessage = t["This shop does not let customers use this sign-in method. Choose another one."];
            return await ShowAsync(user);
        }

        var result = await methods.ConfirmPhoneAsync(user, parsed.E164!, Code, Channel, HttpContext.RequestAborted);
        if (result is not VerifyResult.Verified)
        {
            ErrorMessage = CodeMessages.For(t, result);
            return await ShowAsync(user);
        }

        // The code just entered proves a factor the account now has: it counts as a recent second factor.
        await signIn.RefreshAfterNewFactorAsync(user, HttpContext);
        return await this.FinishAsync(user, methods, Channel == DeliveryChannel.Voice
            ? t["Your phone number is verified. Two-factor sign-in by voice call is on."]
            : t["Your phone number is verified. Two-factor sign-in by text message is on."]);
    });

    private async Task<IActionResult> ShowAsync(TUser user)
    {
        VoiceAvailable = dispatcher.CanSend(DeliveryChannel.Voice);
        CurrentPhone = await users.IsPhoneNumberConfirmedAsync(user) && await users.GetPhoneNumberAsync(user) is { } phone
            ? MaskedDestination.Phone(phone)
            : null;
        Code = null;
        ModelState.Clear();
        return Page();
    }
}
