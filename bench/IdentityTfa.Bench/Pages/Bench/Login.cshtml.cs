using IdentityTfa.Delivery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.Bench.Pages.Bench;

/// <summary>
/// The password step of an Identity app with SMS codes as the template writes it: the named token provider makes the
/// code (Identity's <c>PhoneNumberTokenProvider</c>, "StockPhone", by default; IdentityTfa's is "Sms") and the same
/// Twilio channel sends it, so that two whole sign-ins on these pages differ only in how codes are made and checked.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, IMessageDispatcher messages) : PageModel
{
    public const string StockProvider = "StockPhone";

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? provider)
    {
        provider ??= StockProvider;
        var user = await signIn.UserManager.FindByEmailAsync(Email);
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, "Invalid email or password.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.RequiresTwoFactor)
        {
            ModelState.AddModelError(string.Empty, "Invalid email or password.");
            return Page();
        }

        var code = await signIn.UserManager.GenerateTwoFactorTokenAsync(user, provider);
        var phone = await signIn.UserManager.GetPhoneNumberAsync(user) ?? string.Empty;
        var sent = await messages.SendAsync(new OutgoingMessage(DeliveryChannel.Sms, phone, string.Empty, $"Your Tiny Tea Shop code is {code}"), HttpContext.RequestAborted);
        if (!sent.Succeeded)
        {
            return StatusCode(StatusCodes.Status502BadGateway);
        }

        return RedirectToPage("./Verify", new { provider });
    }
}
