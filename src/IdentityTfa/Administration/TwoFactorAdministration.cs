using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Devices;
using IdentityTfa.Methods;
using IdentityTfa.Notices;
using IdentityTfa.Policy;
using IdentityTfa.RecoveryCodes;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Administration;

/// <inheritdoc />
internal sealed class TwoFactorAdministration<TUser>(
    UserManager<TUser> users,
    TwoFactorMethodStore methods,
    ITwoFactorMethodManager<TUser> methodManager,
    TrustedDeviceStore devices,
    RecoveryCodeStore recoveryCodes,
    SecurityNotices notices,
    ISitePolicyStore policies,
    IAuditLog audit,
    IdentityTfa.Passkeys.PasskeyManager<TUser> passkeys) : ITwoFactorAdministration<TUser>
    where TUser : class
{
    public async Task<bool> SetEnabledAsync(TUser customer, bool enabled, string adminId, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(customer);
        if (enabled && (await methods.GetAsync(userId, cancellationToken)).Count == 0)
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(customer, enabled);
        await RecordAsync(customer, adminId, enabled ? "turned two-factor sign-in on" : "turned two-factor sign-in off", cancellationToken);
        await notices.AdminChangeAsync(users, customer, enabled ? "two-factor sign-in is on" : "two-factor sign-in is off",
            enabled
                ? "Our support team turned two-factor sign-in on for your account: you will be asked for a code when you sign in."
                : "Our support team turned two-factor sign-in off for your account: it is now protected by its password alone.",
            cancellationToken);
        return true;
    }

    public async Task<bool> SetMethodAsync(TUser customer, DeliveryChannel channel, string adminId, CancellationToken cancellationToken = default)
    {
        if (!await methodManager.EnableConfirmedAsync(customer, channel, cancellationToken))
        {
            return false;
        }

        await methodManager.SetPreferredAsync(customer, channel, cancellationToken);
        await RecordAsync(customer, adminId, $"set the method to {channel}", cancellationToken);
        await notices.AdminChangeAsync(users, customer, "your sign-in method changed",
            $"Our support team set your two-factor sign-in method to {(channel == DeliveryChannel.Email ? "email" : channel == DeliveryChannel.Voice ? "voice call" : "text message")}.", cancellationToken);
        return true;
    }

    public async Task<bool> RemoveMethodAsync(TUser customer, DeliveryChannel channel, string adminId, CancellationToken cancellationToken = default)
    {
        if (!await methods.IsEnabledAsync(await users.GetUserIdAsync(customer), channel, cancellationToken))
        {
            return false;
        }

        // The method manager records the removal and tells the customer, as when they remove it themselves.
        await methodManager.RemoveAsync(customer, channel, cancellationToken);
        await RecordAsync(customer, adminId, $"removed the method {channel}", cancellationToken);
        return true;
    }

    public async Task<bool> RemovePasskeyAsync(TUser customer, string passkeyId, string adminId, CancellationToken cancellationToken = default)
    {
        var name = (await passkeys.ListAsync(customer)).FirstOrDefault(p => p.Id == passkeyId)?.Name;

        // The passkey manager records the removal and tells the customer, as when they remove it themselves.
        if (name is null || !await passkeys.RemoveAsync(customer, passkeyId, cancellationToken))
        {
            return false;
        }

        await RecordAsync(customer, adminId, $"removed the passkey \"{name}\"", cancellationToken);
        return true;
    }

    public async Task ResetAsync(TUser customer, string adminId, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(customer);
        await methods.RemoveAllAsync(userId, cancellationToken);
        await recoveryCodes.RemoveAllAsync(userId, cancellationToken);
        await devices.RevokeAllAsync(userId, cancellationToken);
        await users.ResetAuthenticatorKeyAsync(customer); // a reset after a leaked key must not show the same key again
        await TwoFactorMethodManager<TUser>.RemovePasskeysAsync(users, customer); // a stolen passkey must not outlive a reset
        await users.SetTwoFactorEnabledAsync(customer, false);
        await RecordAsync(customer, adminId, "reset two-factor sign-in (methods, recovery codes and trusted devices removed)", cancellationToken);
        await notices.AdminChangeAsync(users, customer, "two-factor sign-in was reset",
            "Our support team reset your two-factor sign-in. Sign in and set it up again under Account settings.", cancellationToken);
    }

    public async Task<int> RevokeDevicesAsync(TUser customer, string adminId, CancellationToken cancellationToken = default)
    {
        var count = await devices.RevokeAllAsync(await users.GetUserIdAsync(customer), cancellationToken);
        await RecordAsync(customer, adminId, $"revoked {count} trusted devices", cancellationToken);
        await notices.AdminChangeAsync(users, customer, "trusted devices revoked",
            "Our support team revoked your trusted devices: every browser will ask for a code at its next sign-in.", cancellationToken);
        return count;
    }

    public async Task UnlockAsync(TUser customer, string adminId, CancellationToken cancellationToken = default)
    {
        await users.SetLockoutEndDateAsync(customer, null);
        await users.ResetAccessFailedCountAsync(customer);
        await RecordAsync(customer, adminId, "unlocked the account", cancellationToken);
        await notices.AdminChangeAsync(users, customer, "your account was unlocked",
            "Our support team unlocked your account. You can sign in again.", cancellationToken);
    }

    public async Task<bool> IsOfferedToAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var policy = await policies.GetAsync(cancellationToken);
        return policy.AllowCustomerTwoFactor || await RoleMembership.IsInAnyAsync(users, user, policy.StaffRoles);
    }

    private async Task RecordAsync(TUser customer, string adminId, string action, CancellationToken cancellationToken) =>
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.AdminAction, await users.GetUserIdAsync(customer)) { ActorId = adminId, Detail = action }, cancellationToken);
}
