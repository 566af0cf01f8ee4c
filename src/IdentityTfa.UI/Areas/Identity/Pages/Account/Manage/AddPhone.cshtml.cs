using System.ComponentModel.DataAnnotations;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using IdentityTfa.Phones;
using IdentityTfa.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Adds or changes the phone: a code proves the number before it replaces the current one.</summary>
public class AddPhoneModel(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    ITwoFactorCodeSender<IdentityUser> codes,
    ITwoFactorMethodManager<IdentityUser> methods,
    IPhoneNumberParser phones,
    IMessageDispatcher dispatcher,
    IdentityTfa.Administration.ITwoFactorAdministration<IdentityUser> administration) : ManagePage(users)
{
    /// <summary>How the codes of this number go: text message (default) or voice call.</summary>
    [BindProperty]
    public DeliveryChannel Channel { get; set; } = DeliveryChannel.Sms;

    public bool VoiceAvailable => dispatcher.CanSend(DeliveryChannel.Voice);

    [BindProperty]
    [Display(Name = "Phone number")]
    public string? PhoneNumber { get; set; }

    /// <summary>The number (E.164) a code was just sent to.</summary>
    [BindProperty]
    public string? PendingPhone { get; set; }

    [BindProperty]
    [Display(Name = "Verification code")]
    public string? Code { get; set; }

    public string? CurrentPhone { get; private set; }

    public string? Sent { get; private set; }

    public Task<IActionResult> OnGetAsync() => WhenOfferedAsync(administration, ShowAsync);

    public Task<IActionResult> OnPostSendAsync() => WhenOfferedAsync(administration, async user =>
    {
        var parsed = phones.Parse(PendingPhone ?? PhoneNumber);
        if (!parsed.IsValid)
        {
            PendingPhone = null;
            ErrorMessage = parsed.Error;
            return await ShowAsync(user);
        }

        // A landline cannot get text messages: its codes are read out by a voice call.
        Channel = !parsed.CanReceiveText || (Channel == DeliveryChannel.Voice && VoiceAvailable) ? DeliveryChannel.Voice : DeliveryChannel.Sms;
        if (Channel == DeliveryChannel.Voice && !VoiceAvailable)
        {
            PendingPhone = null;
            ErrorMessage = "That number is a landline, which cannot receive text messages, and voice calls are not available. Enter a mobile number.";
            return await ShowAsync(user);
        }

        PendingPhone = parsed.E164;
        var sent = await codes.SendPhoneVerificationCodeAsync(user, parsed.E164!, Channel, HttpContext.RequestAborted);
        ErrorMessage = CodeMessages.ForRefusal(sent);
        if (ErrorMessage is not null)
        {
            PendingPhone = null;
        }

        Sent = ErrorMessage is null
            ? Channel == DeliveryChannel.Voice
                ? $"We are calling {MaskedDestination.Phone(parsed.E164!)} to read you a code."
                : $"We sent a code to {MaskedDestination.Phone(parsed.E164!)}."
            : null;
        return await ShowAsync(user);
    });

    public Task<IActionResult> OnPostVerifyAsync() => WhenOfferedAsync(administration, async user =>
    {
        var parsed = phones.Parse(PendingPhone);
        if (!parsed.IsValid)
        {
            PendingPhone = null;
            ErrorMessage = "Enter your phone number and send a code first.";
            return await ShowAsync(user);
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 32)
        {
            ErrorMessage = "Enter the verification code.";
            return await ShowAsync(user);
        }

        var result = await methods.ConfirmPhoneAsync(user, parsed.E164!, Code, Channel, HttpContext.RequestAborted);
        if (result is not VerifyResult.Verified)
        {
            ErrorMessage = CodeMessages.For(result);
            return await ShowAsync(user);
        }

        await signIn.RefreshSignInAsync(user);
        return await FinishAsync(user, methods, $"Your phone number is verified. Two-factor sign-in by {(Channel == DeliveryChannel.Voice ? "voice call" : "text message")} is on.");
    });

    private async Task<IActionResult> ShowAsync(IdentityUser user)
    {
        CurrentPhone = await Users.IsPhoneNumberConfirmedAsync(user) ? await Users.GetPhoneNumberAsync(user) : null;
        Code = null;
        ModelState.Clear();
        return Page();
    }
}
