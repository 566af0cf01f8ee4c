using System.Text;
using System.Text.Encodings.Web;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using IdentityTfa.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.WebUtilities;
using IdentityTfa.UI.Text;
using Microsoft.Extensions.Localization;

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
/// <typeparam name="TUser">The app's user type; made with its parameterless constructor, as Identity UI's registration does.</typeparam>
internal sealed class AccountRegistrar<TUser>(
    UserManager<TUser> users,
    IUserStore<TUser> store,
    IRegistrationCodeService registrationCodes,
    ITwoFactorMethodManager<TUser> methods,
    IEmailSender emailSender,
    IStringLocalizer<AccountText> t)
    where TUser : class
{
    // phone: an E.164 number proven by code, or null.
    public async Task<RegistrationResult> RegisterAsync(string email, string password, string? phone, string? code, Func<string, string, string> confirmationLink, CancellationToken cancellationToken)
    {
        var user = await NewUserAsync(email, cancellationToken);

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

            await PhoneStore().SetPhoneNumberAsync(user, phone, cancellationToken);
            await PhoneStore().SetPhoneNumberConfirmedAsync(user, true, cancellationToken);
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
        await emailSender.SendEmailAsync(email, t["Confirm your email"],
            t["Please confirm your account by <a href='{0}'>clicking here</a>.", HtmlEncoder.Default.Encode(link)]);
        return new RegistrationResult.Created(recoveryCodes);
    }

    /// <summary>A user with its user name and email set through the store, as Identity UI's registration makes one.</summary>
    private async Task<TUser> NewUserAsync(string email, CancellationToken cancellationToken)
    {
        TUser user;
        try
        {
            user = Activator.CreateInstance<TUser>();
        }
        catch (MissingMethodException e)
        {
            throw new InvalidOperationException($"Cannot create an instance of '{typeof(TUser).Name}': IdentityTfa's registration page needs a user class with a parameterless constructor, or override the page.", e);
        }

        await store.SetUserNameAsync(user, email, cancellationToken);
        if (!users.SupportsUserEmail)
        {
            throw new NotSupportedException("IdentityTfa's registration page needs a user store with email support.");
        }

        await ((IUserEmailStore<TUser>)store).SetEmailAsync(user, email, cancellationToken);
        return user;
    }

    private IUserPhoneNumberStore<TUser> PhoneStore() =>
        users.SupportsUserPhoneNumber ? (IUserPhoneNumberStore<TUser>)store : throw new NotSupportedException("IdentityTfa's registration with a phone needs a user store with phone number support.");
}
