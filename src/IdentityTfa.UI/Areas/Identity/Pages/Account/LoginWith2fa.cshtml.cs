using System.ComponentModel.DataAnnotations;
using IdentityTfa.Challenges;
using IdentityTfa.Codes;
using IdentityTfa.Policy;
using IdentityTfa.Delivery;
using IdentityTfa.Sending;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityTfa.UI.Infrastructure;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The verify screen: the second step of signing in.</summary>
[AllowAnonymous]
[TfaDefaultUI(typeof(LoginWith2faModel<>))]
public abstract class LoginWith2faModel : PageModel
{
    internal const string SendNoticeKey = "SendNotice";
    internal const string SendErrorKey = "SendError";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool RememberMe { get; protected set; }

    public string ReturnUrl { get; protected set; } = "/";

    public IReadOnlyList<SignInChannel> Channels { get; protected set; } = [];

    public ActiveChallenge? Pending { get; protected set; }

    public string? ErrorMessage { get; protected set; }

    // Not a [TempData] property: that would load and save the TempData cookie on every code entered (and send a
    // Set-Cookie deleting it with each answer); the notice is read from TempData only when the screen is shown.
    public string? StatusMessage { get; protected set; }

    public string CompanyName { get; protected set; } = string.Empty;

    public bool NumericCodes { get; protected set; } = true;

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

    public static string DescribePending(ActiveChallenge pending) => pending.Channel == DeliveryChannel.Voice
        ? $"We called {pending.MaskedDestination} to read you a code."
        : $"We sent a code {ChannelText.By(pending.Channel)} to {pending.MaskedDestination}.";

    public static string SwitchLabel(SignInChannel channel, bool instead) =>
        $"Send the code {ChannelText.By(channel.Channel)} to {channel.MaskedDestination}{(instead ? " instead" : string.Empty)}";
}

internal sealed class LoginWith2faModel<TUser>(
    SignInManager<TUser> signIn,
    ITwoFactorCodeSender<TUser> codes,
    VerificationOutcome outcome,
    ISitePolicyStore policies) : LoginWith2faModel
    where TUser : class
{
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
            return Page();
        }

        var channel = await codes.GetPendingSignInChannelAsync(user, HttpContext.RequestAborted)
            ?? (await codes.GetSignInChannelsAsync(user, HttpContext.RequestAborted)).FirstOrDefault()?.Channel
            ?? DeliveryChannel.Sms;

        var result = await signIn.TwoFactorSignInAsync(TwoFactorProviderNames.For(channel), Input.Code, RememberMe, Input.TrustDevice);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        ErrorMessage = result.IsLockedOut
            ? LockoutMessage.For(await signIn.UserManager.GetLockoutEndDateAsync(user))
            : result.IsNotAllowed ? "This account cannot sign in." : CodeMessages.For(outcome.Last);
        Input.Code = string.Empty;
        ModelState.Remove("Input.Code");
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
        var refusal = CodeMessages.ForRefusal(sent);
        if (refusal is not null)
        {
            ModelState.Clear();
            ErrorMessage = refusal;
            await LoadAsync(user);
            return Page();
        }

        TempData[SendNoticeKey] = sent is SendCodeResult.Sent { FailoverNotice: { } notice }
            ? notice
            : "We sent you a new code. Earlier codes no longer work.";
        return RedirectToPage(new { rememberMe = RememberMe, returnUrl = ReturnUrl });
    }

    private async Task LoadAsync(TUser user)
    {
        var policy = (await policies.GetAsync(HttpContext.RequestAborted)).Options;
        CompanyName = policy.CompanyName;
        NumericCodes = policy.Policies.SignIn.Type == CodeType.Numeric;
        Channels = await codes.GetSignInChannelsAsync(user, HttpContext.RequestAborted);
        Pending = await codes.GetPendingSignInCodeAsync(user, HttpContext.RequestAborted);
        if (ErrorMessage is null && Pending is { IsExpired: true })
        {
            ErrorMessage = CodeMessages.For(new VerifyResult.Expired());
        }
        else if (ErrorMessage is null && Pending?.DeliveryStatus is "failed" or "undelivered" or "busy" or "no-answer")
        {
            ErrorMessage = "The code could not be delivered. Send a new code or choose another way.";
        }
    }

    private void Remember(bool rememberMe, string? returnUrl)
    {
        RememberMe = rememberMe;
        ReturnUrl = Url.LocalOrHome(returnUrl);
    }

    private RedirectToPageResult SignInAgain()
    {
        TempData["ErrorMessage"] = "Your sign-in took too long. Please sign in again.";
        return RedirectToPage("./Login", new { returnUrl = ReturnUrl });
    }
}
