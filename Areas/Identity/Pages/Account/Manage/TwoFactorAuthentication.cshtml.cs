using System.ComponentModel.DataAnnotations;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using IdentityTfa.Phones;
using IdentityTfa.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.Shop.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns text-message and email codes on (each only after a code proves the destination) and two-factor sign-in off.</summary>
public class TwoFactorAuthenticationModel(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    ITwoFactorCodeSender<IdentityUser> codes,
    ITwoFactorMethodManager<IdentityUser> methods,
    IPhoneNumberParser phones,
    TimeProvider time) : PageModel
{
    public IReadOnlyList<TwoFactorMethodInfo> Methods { get; private set; } = [];

    public bool IsTwoFactorEnabled { get; private set; }

    public string? MaskedEmail { get; private set; }

    public bool EmailConfirmed { get; private set; }

    /// <summary>The phone number (E.164) a code was just sent to, waiting for that code.</summary>
    [BindProperty]
    public string? PendingPhone { get; set; }

    public bool EmailCodeSent { get; private set; }

    [BindProperty]
    [Display(Name = "Phone number")]
    public string? PhoneNumber { get; set; }

    [BindProperty]
    [Display(Name = "Verification code")]
    public string? Code { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    public string? ErrorMessage { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool IsOn(DeliveryChannel channel) => Methods.Any(m => m.Channel == channel);

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostSendPhoneCodeAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var parsed = phones.ParseForTextMessages(PendingPhone ?? PhoneNumber);
        if (!parsed.IsValid)
        {
            return await ShowAsync(user, error: parsed.Error);
        }

        var sent = await codes.SendPhoneVerificationCodeAsync(user, parsed.E164!, HttpContext.RequestAborted);
        PendingPhone = parsed.E164;
        var refusal = CodeMessages.ForRefusal(sent, time.GetUtcNow());
        return await ShowAsync(user, error: refusal, status: refusal is null ? $"We sent a code to {MaskedDestination.Phone(parsed.E164!)}." : null);
    }

    public async Task<IActionResult> OnPostVerifyPhoneAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var parsed = phones.ParseForTextMessages(PendingPhone);
        if (!parsed.IsValid)
        {
            PendingPhone = null;
            return await ShowAsync(user, error: "Enter your phone number and send a code first.");
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            return await ShowAsync(user, error: "Enter the verification code.");
        }

        var result = await methods.ConfirmPhoneAsync(user, parsed.E164!, Code, HttpContext.RequestAborted);
        if (result is not VerifyResult.Verified)
        {
            return await ShowAsync(user, error: CodeMessages.For(result));
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your phone number is verified. Two-factor sign-in by text message is on.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendEmailCodeAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await users.IsEmailConfirmedAsync(user))
        {
            return await ShowAsync(user, error: "Confirm your email address first.");
        }

        var email = (await users.GetEmailAsync(user))!;
        var sent = await codes.SendEmailVerificationCodeAsync(user, email, HttpContext.RequestAborted);
        var refusal = CodeMessages.ForRefusal(sent, time.GetUtcNow());
        EmailCodeSent = true;
        return await ShowAsync(user, error: refusal, status: refusal is null ? $"We sent a code to {MaskedDestination.Email(email)}." : null);
    }

    public async Task<IActionResult> OnPostVerifyEmailAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        EmailCodeSent = true;
        if (string.IsNullOrWhiteSpace(Code))
        {
            return await ShowAsync(user, error: "Enter the verification code.");
        }

        var result = await methods.ConfirmEmailAsync(user, Code, HttpContext.RequestAborted);
        if (result is not VerifyResult.Verified)
        {
            return await ShowAsync(user, error: CodeMessages.For(result));
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Two-factor sign-in by email is on.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            return await ShowAsync(user, error: "Enter your current password to turn off two-factor sign-in.");
        }

        await methods.DisableAsync(user, HttpContext.RequestAborted);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Two-factor sign-in is off.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(IdentityUser? user = null, string? error = null, string? status = null)
    {
        user ??= await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Methods = await methods.GetMethodsAsync(user, HttpContext.RequestAborted);
        IsTwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        EmailConfirmed = await users.IsEmailConfirmedAsync(user);
        MaskedEmail = await users.GetEmailAsync(user) is { } email ? MaskedDestination.Email(email) : null;
        ErrorMessage = error;
        if (status is not null)
        {
            StatusMessage = null;
            ViewData["Status"] = status;
        }

        Code = null;
        Password = null;
        ModelState.Clear();
        return Page();
    }
}
