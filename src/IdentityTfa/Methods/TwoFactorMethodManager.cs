using IdentityTfa.Challenges;
using IdentityTfa.Audit;
using IdentityTfa.Authenticator;
using IdentityTfa.Configuration;
using IdentityTfa.Policy;
using IdentityTfa.Delivery;
using IdentityTfa.Devices;
using IdentityTfa.Logging;
using IdentityTfa.Notices;
using IdentityTfa.RecoveryCodes;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Methods;

/// <summary>Turns methods on only once their destination is proven by a code, and keeps Identity's two-factor flag in step.</summary>
internal sealed class TwoFactorMethodManager<TUser>(
    UserManager<TUser> users,
    TwoFactorMethodStore methods,
    LastSignInMethod<TUser> lastMethod,
    TrustedDeviceStore devices,
    RecoveryCodeStore recoveryCodes,
    SecurityNotices notices,
    VerificationOutcome outcome,
    ISitePolicyStore policies,
    IAuditLog audit,
    AuthenticatorSteps steps,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<TwoFactorOptions> authenticator,
    ILogger<TwoFactorMethodManager<TUser>> logger) : ITwoFactorMethodManager<TUser>
    where TUser : class
{
    internal const int RecoveryCodeCount = 10;

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

    public async Task<VerifyResult> ConfirmPhoneAsync(TUser user, string phoneNumber, string code, DeliveryChannel channel = DeliveryChannel.Sms, CancellationToken cancellationToken = default)
    {
        // A method the site policy forbids this user is never turned on, whatever path asks (pages and API say so first).
        if (!await SiteMethods.IsAllowedAsync(users, user, channel == DeliveryChannel.Voice ? DeliveryChannel.Voice : DeliveryChannel.Sms, policies, cancellationToken))
        {
            return new VerifyResult.NoActiveCode();
        }

        var previous = await users.IsPhoneNumberConfirmedAsync(user) ? await users.GetPhoneNumberAsync(user) : null;
        outcome.Last = null;
        var changed = await users.ChangePhoneNumberAsync(user, phoneNumber, code);
        if (!changed.Succeeded)
        {
            return outcome.Last ?? new VerifyResult.NoActiveCode();
        }

        if (previous is not null && previous != phoneNumber)
        {
            // The security stamp changed with the number, so every trusted device must prove itself again.
            await devices.RevokeAllAsync(await users.GetUserIdAsync(user), cancellationToken);
            await notices.PhoneChangedAsync(users, user, previous, phoneNumber, cancellationToken);
        }

        if (previous is not null && previous != phoneNumber)
        {
            // Methods of the old number do not carry over to the new one.
            var userId = await users.GetUserIdAsync(user);
            foreach (var phoneChannel in new[] { DeliveryChannel.Sms, DeliveryChannel.Voice }.Where(c => c != channel))
            {
                await methods.RemoveAsync(userId, phoneChannel, cancellationToken);
            }

            // The kept one is bound to the new number from now on (an email change undone removes what came after it).
            await methods.RebindAsync(userId, channel == DeliveryChannel.Voice ? DeliveryChannel.Voice : DeliveryChannel.Sms, cancellationToken);
        }

        await EnableAsync(user, channel == DeliveryChannel.Voice ? DeliveryChannel.Voice : DeliveryChannel.Sms, cancellationToken);
        return new VerifyResult.Verified();
    }

    public async Task<VerifyResult> ConfirmEmailAsync(TUser user, string email, string code, CancellationToken cancellationToken = default)
    {
        if (!await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Email, policies, cancellationToken))
        {
            return new VerifyResult.NoActiveCode();
        }

        outcome.Last = null;
        if (!await users.VerifyUserTokenAsync(user, TwoFactorProviderNames.Email, TokenPurposes.VerifyEmail(email), code))
        {
            return outcome.Last ?? new VerifyResult.NoActiveCode();
        }

        var current = await users.GetEmailAsync(user);
        if (!string.Equals(current, email, StringComparison.OrdinalIgnoreCase) || !await users.IsEmailConfirmedAsync(user))
        {
            // The code proved the address, so it becomes the account's confirmed email through Identity's own change,
            // whose notice (with the link that undoes it) goes to the old address, as from the Email settings page.
            var changed = await users.ChangeEmailAsync(user, email, await users.GenerateChangeEmailTokenAsync(user, email));
            if (!changed.Succeeded)
            {
                return new VerifyResult.NoActiveCode();
            }
        }

        await EnableAsync(user, DeliveryChannel.Email, cancellationToken);
        return new VerifyResult.Verified();
    }

    public async Task<bool> EnableConfirmedAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken = default)
    {
        // The authenticator app is turned on only by a first code from it (EnableAuthenticatorAsync).
        var confirmed = MessageChannels.Includes(channel) && await ConfirmedDestinations.GetAsync(users, user, channel) is not null
            && await SiteMethods.IsAllowedAsync(users, user, channel, policies, cancellationToken);
        if (confirmed)
        {
            await EnableAsync(user, channel, cancellationToken);
        }

        return confirmed;
    }

    public async Task<string> GetAuthenticatorKeyAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return key ?? throw new InvalidOperationException("The user store keeps no authenticator key.");
    }

    public async Task<bool> EnableAuthenticatorAsync(TUser user, string code, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        var step = AuthenticatorCodes.Match(key, code, time.GetUtcNow(), 0, authenticator.Value.Authenticator);
        if (step is null)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.CodeRejected, userId)
            {
                Purpose = "AuthenticatorEnrolment",
                Channel = nameof(DeliveryChannel.Authenticator),
                Detail = "wrong code",
            }, cancellationToken);
            return false;
        }

        await EnableAsync(user, DeliveryChannel.Authenticator, cancellationToken);
        // The code that turned the app on is used: it cannot sign in as well.
        await steps.TryUseAsync(userId, step.Value, cancellationToken);
        return true;
    }

    public async Task<bool> EnablePasskeysAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var stored = await ConfirmedDestinations.GetAsync(users, user, DeliveryChannel.Passkey) is not null
            && await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Passkey, policies, cancellationToken);
        if (stored)
        {
            // The passkey itself is told of by the passkey manager, with its name; here only two-factor sign-in going on.
            await EnableAsync(user, DeliveryChannel.Passkey, cancellationToken, notify: !await users.GetTwoFactorEnabledAsync(user));
        }

        return stored;
    }

    public async Task<bool> SetPreferredAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(user);
        if (!await methods.IsEnabledAsync(userId, channel, cancellationToken))
        {
            return false;
        }

        await methods.SetPreferredAsync(userId, channel, cancellationToken);
        await lastMethod.ForgetAsync(user);
        TwoFactorLog.PreferredChanged(logger, channel);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.MethodPreferred, userId) { Channel = channel.ToString() }, cancellationToken);
        return true;
    }

    public async Task RemoveAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(user);
        await methods.RemoveAsync(userId, channel, cancellationToken);
        if (channel == DeliveryChannel.Authenticator)
        {
            // The app's key goes with the method: a new one is made, and whoever copied the old one holds nothing.
            await users.ResetAuthenticatorKeyAsync(user);
        }

        if (channel == DeliveryChannel.Passkey)
        {
            // The method is the passkeys: removing it (an admin, or the settings' "Remove") removes every one of them.
            await RemovePasskeysAsync(users, user);
        }

        var remaining = await methods.GetAsync(userId, cancellationToken);
        TwoFactorLog.MethodRemoved(logger, channel, remaining.Count);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.MethodRemoved, userId) { Channel = channel.ToString() }, cancellationToken);
        if (remaining.Count == 0)
        {
            await TurnOffAsync(user, userId, cancellationToken);
            await notices.TwoFactorOffAsync(users, user,
                $"{DeliveryChannelNames.MethodWords(channel)} were removed, and with them two-factor sign-in: your account is now protected by its password alone.", cancellationToken);
            return;
        }

        if (!remaining.Any(m => m.IsPreferred))
        {
            await methods.SetPreferredAsync(userId, remaining[0].Channel, cancellationToken);
        }

        await notices.MethodRemovedAsync(users, user, channel, cancellationToken);
    }

    public async Task DisableAsync(TUser user, CancellationToken cancellationToken = default)
    {
        await TurnOffAsync(user, await users.GetUserIdAsync(user), cancellationToken);
        await notices.TwoFactorOffAsync(users, user, "Two-factor sign-in was turned off: your account is now protected by its password alone.", cancellationToken);
    }

    public async Task<IReadOnlyList<string>?> EnsureRecoveryCodesAsync(TUser user, CancellationToken cancellationToken = default)
    {
        if (await users.CountRecoveryCodesAsync(user) > 0)
        {
            return null;
        }

        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
    }

    public async Task ApplyNewAccountDefaultsAsync(TUser user, CancellationToken cancellationToken = default)
    {
        switch ((await policies.GetAsync(cancellationToken)).Options.NewAccountMethod)
        {
            // A new account's first method is part of its creation, not a change to tell the holder of.
            // A default the site policy forbids customers is not turned on.
            case NewAccountMethod.Email when !string.IsNullOrEmpty(await users.GetEmailAsync(user))
                && await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Email, policies, cancellationToken):
                await EnableAsync(user, DeliveryChannel.Email, cancellationToken, notify: false);
                break;
            case NewAccountMethod.Sms when await users.IsPhoneNumberConfirmedAsync(user)
                && await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Sms, policies, cancellationToken):
                await EnableAsync(user, DeliveryChannel.Sms, cancellationToken, notify: false);
                break;
        }
    }

    /// <summary>Removes every passkey of the user (turning off, a reset, or removing the passkey method).</summary>
    internal static async Task RemovePasskeysAsync(UserManager<TUser> users, TUser user)
    {
        if (!users.SupportsUserPasskey)
        {
            return;
        }

        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        }
    }

    private async Task TurnOffAsync(TUser user, string userId, CancellationToken cancellationToken)
    {
        await methods.RemoveAllAsync(userId, cancellationToken);
        await recoveryCodes.RemoveAllAsync(userId, cancellationToken);
        await devices.RevokeAllAsync(userId, cancellationToken);

        // A passkey left behind would pass the second step again once two-factor sign-in is turned back on.
        await RemovePasskeysAsync(users, user);

        // A key once shown (perhaps to someone else) is never shown again for a later enrolment.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        TwoFactorLog.TwoFactorDisabled(logger);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.TwoFactorDisabled, userId), cancellationToken);
    }

    private async Task EnableAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken, bool notify = true)
    {
        var userId = await users.GetUserIdAsync(user);
        var added = !await methods.IsEnabledAsync(userId, channel, cancellationToken);
        await methods.EnableAsync(userId, channel, cancellationToken);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.MethodEnabled, userId) { Channel = channel.ToString() }, cancellationToken);
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.TwoFactorEnabled, userId), cancellationToken);
            if (notify)
            {
                await notices.TwoFactorOnAsync(users, user, cancellationToken);
            }
        }
        else if (notify && added)
        {
            await notices.MethodAddedAsync(users, user, channel, cancellationToken);
        }

        TwoFactorLog.MethodEnabled(logger, channel);
    }
}
