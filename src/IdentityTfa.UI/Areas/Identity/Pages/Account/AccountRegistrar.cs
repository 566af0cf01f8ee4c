using IdentityTfa.RecoveryCodes;
using IdentityTfa.Registration;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>What became of a registration.</summary>
internal abstract record RegistrationResult
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
    ISitePolicyStore policies,
    IStringLocalizer<AccountText> t)
    where TUser : class
{
    // phone: an E.164 number proven by code, or null.
    public async Task<RegistrationResult> RegisterAsync(string email, string password, string? phone, string? code, RegistrationLinks links, CancellationToken cancellationToken)
    {
        var user = await NewUserAsync(email, cancellationToken);

        // Check everything that could still refuse the account before the code is used up. A taken email is not an
        // error to show: the answer must be a new account's, or the page tells who has one.
        var (errors, taken) = await TakenEmail.ValidateNewAsync(users, user, password);
        if (errors.Count > 0)
        {
            return new RegistrationResult.Refused(errors.Select(e => e.Description).ToList());
        }

        if (phone is not null)
        {
            var verified = await registrationCodes.VerifyAsync(phone, code ?? string.Empty, cancellationToken);
            if (verified is not VerifyResult.Verified)
            {
                return new RegistrationResult.CodeRefused(verified);
            }
        }

        if (taken)
        {
            return await AnswerForTakenAsync(user, email, password, phone is not null, links, cancellationToken);
        }

        if (phone is not null)
        {
            await PhoneStore().SetPhoneNumberAsync(user, phone, cancellationToken);
            await PhoneStore().SetPhoneNumberConfirmedAsync(user, true, cancellationToken);
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Taken since the validators ran (a parallel registration): still the answer of a new account.
            return created.Errors.All(TakenEmail.IsTaken)
                ? await AnswerForTakenAsync(user, email, password, phone is not null, links, cancellationToken)
                : new RegistrationResult.Refused(created.Errors.Select(e => e.Description).ToList());
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
        var link = links.Confirmation(await users.GetUserIdAsync(user), token);
        await emailSender.SendEmailAsync(email, t["Confirm your email"],
            t["Please confirm your account by <a href='{0}'>clicking here</a>.", HtmlEncoder.Default.Encode(link)]);
        return new RegistrationResult.Created(recoveryCodes);
    }

    /// <summary>
    /// What a new account's registration answers, for an address that has an account: the holder is told by mail (the only
    /// place the truth goes), no account is made, and with a phone the page shows codes that open nothing.
    /// </summary>
    private async Task<RegistrationResult> AnswerForTakenAsync(TUser user, string email, string password, bool withPhone, RegistrationLinks links, CancellationToken cancellationToken)
    {
        TakenEmail.SpendLikeCreating(users, user, password);
        var company = (await policies.GetAsync(cancellationToken)).Options.CompanyName;
        await emailSender.SendEmailAsync(email, t["Someone tried to create an account with your email"],
            t["Someone tried to create an account at {0} with this email address, which already has an account. No second account was made. If it was you, <a href='{1}'>sign in</a>, or <a href='{2}'>reset your password</a> if you have forgotten it. If it was not you, there is nothing to do.",
                company, HtmlEncoder.Default.Encode(links.SignIn), HtmlEncoder.Default.Encode(links.ForgotPassword)]);
        return new RegistrationResult.Created(withPhone ? RecoveryCodeStore.NewCodes(TwoFactorMethodManager<TUser>.RecoveryCodeCount) : []);
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
