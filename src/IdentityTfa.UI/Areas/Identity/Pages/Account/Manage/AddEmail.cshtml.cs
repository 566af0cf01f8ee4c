using System.ComponentModel.DataAnnotations;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using IdentityTfa.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns on email codes, to the account's email or to a new address that the code also confirms.</summary>
public class AddEmailModel(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    ITwoFactorCodeSender<IdentityUser> codes,
    ITwoFactorMethodManager<IdentityUser> methods,
    IdentityTfa.Administration.ITwoFactorAdministration<IdentityUser> administration) : ManagePage(users)
{
    [BindProperty]
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    /// <summary>The address a code was just sent to.</summary>
    [BindProperty]
    public string? PendingEmail { get; set; }

    [BindProperty]
    [Display(Name = "Verification code")]
    public string? Code { get; set; }

    public string? Sent { get; private set; }

    public Task<IActionResult> OnGetAsync() => WhenOfferedAsync(administration, async user =>
    {
        Email = await Users.GetEmailAsync(user);
        return Page();
    });

    public Task<IActionResult> OnPostSendAsync() => WhenOfferedAsync(administration, async user =>
    {
        var email = (PendingEmail ?? Email)?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            PendingEmail = null;
            ErrorMessage = "Enter an email address such as name@example.com.";
            return Show();
        }

        var owner = await Users.FindByEmailAsync(email);
        if (owner is not null && owner.Id != user.Id)
        {
            PendingEmail = null;
            ErrorMessage = "That email address cannot be used. Enter another.";
            return Show();
        }

        PendingEmail = email;
        var sent = await codes.SendEmailVerificationCodeAsync(user, email, HttpContext.RequestAborted);
        ErrorMessage = CodeMessages.ForRefusal(sent);
        Sent = ErrorMessage is null ? $"We sent a code to {MaskedDestination.Email(email)}." : null;
        return Show();
    });

    public Task<IActionResult> OnPostVerifyAsync() => WhenOfferedAsync(administration, async user =>
    {
        if (string.IsNullOrEmpty(PendingEmail) || PendingEmail.Length > 256)
        {
            PendingEmail = null;
            ErrorMessage = "Enter your email address and send a code first.";
            return Show();
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 32)
        {
            ErrorMessage = "Enter the verification code.";
            return Show();
        }

        var result = await methods.ConfirmEmailAsync(user, PendingEmail, Code, HttpContext.RequestAborted);
        if (result is not VerifyResult.Verified)
        {
            ErrorMessage = CodeMessages.For(result);
            return Show();
        }

        await signIn.RefreshSignInAsync(user);
        return await FinishAsync(user, methods, "Your email address is verified. Two-factor sign-in by email is on.");
    });

    private PageResult Show()
    {
        Code = null;
        ModelState.Clear();
        return Page();
    }
}
