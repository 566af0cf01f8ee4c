using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Methods;

/// <summary>Turns methods on only once their destination is proven by a code, and keeps Identity's two-factor flag in step.</summary>
internal sealed class TwoFactorMethodManager<TUser>(
    UserManager<TUser> users,
    TwoFactorMethodStore methods,
    VerificationOutcome outcome,
    ILogger<TwoFactorMethodManager<TUser>> logger) : ITwoFactorMethodManager<TUser>
    where TUser : class
{
    public async Task<IReadOnlyList<TwoFactorMethodInfo>> GetMethodsAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var result = new List<TwoFactorMethodInfo>();
        foreach (var method in await methods.GetAsync(await users.GetUserIdAsync(user), cancellationToken))
        {
            var destination = method.Channel == DeliveryChannel.Email ? await users.GetEmailAsync(user) : await users.GetPhoneNumberAsync(user);
            result.Add(new TwoFactorMethodInfo(
                method.Channel,
                destination is null ? string.Empty : MaskedDestination.For(method.Channel, destination),
                method.IsPreferred,
                new DateTimeOffset(method.EnabledAt, TimeSpan.Zero)));
        }

        return result;
    }

    public async Task<VerifyResult> ConfirmPhoneAsync(TUser user, string phoneNumber, string code, CancellationToken cancellationToken = default)
    {
        outcome.Last = null;
        var changed = await users.ChangePhoneNumberAsync(user, phoneNumber, code);
        if (!changed.Succeeded)
        {
            return outcome.Last ?? new VerifyResult.NoActiveCode();
        }

        await EnableAsync(user, DeliveryChannel.Sms, cancellationToken);
        return new VerifyResult.Verified();
    }

    public async Task<VerifyResult> ConfirmEmailAsync(TUser user, string code, CancellationToken cancellationToken = default)
    {
        var email = await users.GetEmailAsync(user);
        if (string.IsNullOrEmpty(email) || !await users.IsEmailConfirmedAsync(user))
        {
            return new VerifyResult.NoActiveCode();
        }

        outcome.Last = null;
        if (!await users.VerifyUserTokenAsync(user, TwoFactorProviderNames.Email, TokenPurposes.VerifyEmail(email), code))
        {
            return outcome.Last ?? new VerifyResult.NoActiveCode();
        }

        await EnableAsync(user, DeliveryChannel.Email, cancellationToken);
        return new VerifyResult.Verified();
    }

    public async Task DisableAsync(TUser user, CancellationToken cancellationToken = default)
    {
        await methods.RemoveAllAsync(await users.GetUserIdAsync(user), cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, false);
        IdentityTfaLog.TwoFactorDisabled(logger);
    }

    private async Task EnableAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        await methods.EnableAsync(await users.GetUserIdAsync(user), channel, cancellationToken);
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        IdentityTfaLog.MethodEnabled(logger, channel);
    }
}
