using System.Text;
using System.Text.Encodings.Web;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using IdentityTfa.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>What became of a registration.</summary>
public abstract record RegistrationResult
{
    private RegistrationResult()
    {
    }

    public sealed record Created(IReadOnlyList<string> RecoveryCodes) : RegistrationResult;

    public sealed record Refused(IReadOnlyList<string> Errors) : RegistrationResult;

    public sealed record CodeRefused(VerifyResult Result) : RegistrationResult;
}

/// <summary>
/// Creates shop accounts: with a phone proven by a code, the account starts with text-message codes on (the
/// seed's registration with two-factor); without, it starts with the site's default method.
/// </summary>
public sealed class AccountRegistrar(
    UserManager<IdentityUser> users,
    IRegistrationCodeService registrationCodes,
    ITwoFactorMethodManager<IdentityUser> methods,
    IEmailSender emailSender)
{
    // phone: an E.164 number proven by code, or null.
    public async Task<RegistrationResult> RegisterAsync(string email, string password, string? phone, string? code, Func<string, string, string> confirmationLink, CancellationToken cancellationToken)
    {
        var user = new IdentityUser { UserName = email, Email = email };

        // Check everything that could still refuse the account before the code is used up.
        var errors = new List<string>();
        foreach (var validator in users.UserValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user)).Errors.Select(e => e.Description));
        }

        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            return new RegistrationResult.Refused(errors);
        }

        if (phone is not null)
        {
            var verified = await registrationCodes.VerifyAsync(phone, code ?? string.Empty, cancellationToken);
            if (verified is not VerifyResult.Verified)
            {
                return new RegistrationResult.CodeRefused(verified);
            }

            user.PhoneNumber = phone;
            user.PhoneNumberConfirmed = true;
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new RegistrationResult.Refused(created.Errors.Select(e => e.Description).ToList());
        }

        IReadOnlyList<string> recoveryCodes = [];
        if (phone is not null)
        {
            await methods.EnableConfirmedAsync(user, DeliveryChannel.Sms, cancellationToken);
            recoveryCodes = await methods.EnsureRecoveryCodesAsync(user, cancellationToken) ?? [];
        }
        else
        {
            await methods.ApplyNewAccountDefaultsAsync(user, cancellationToken);
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = confirmationLink(await users.GetUserIdAsync(user), token);
        await emailSender.SendEmailAsync(email, "Confirm your email",
            $"Please confirm your account by <a href='{HtmlEncoder.Default.Encode(link)}'>clicking here</a>.");
        return new RegistrationResult.Created(recoveryCodes);
    }
}
