using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Devices;
using IdentityTfa.Methods;
using IdentityTfa.RecoveryCodes;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Notices;

/// <summary>
/// Undoes an email change from the link mailed to the old address. Whoever changed the address may hold a session and
/// the password, so undoing it also makes the account safe: the old address comes back confirmed (and as the user name
/// where the name was the address), the security stamp changes (every session and bearer token fails its next check),
/// trusted browsers are forgotten, and the password is cleared, so that only the holder of the restored address can
/// sign in again, after setting a new password through "Forgot your password?". Whatever second factor was turned on
/// from the change's time on (the changer's own phone or email) is removed, and with a phone method the phone number
/// goes too; recovery codes made since then are removed, as the changer saw them. The undo is audited and the holder
/// told, at the restored address only.
/// </summary>
internal sealed class EmailChangeUndo<TUser>(
    UserManager<TUser> users,
    ITwoFactorMethodManager<TUser> methods,
    RecoveryCodeStore recoveryCodes,
    TrustedDeviceStore devices,
    IAuditLog audit,
    SecurityNotices notices,
    TimeProvider time,
    ILogger<EmailChangeUndo<TUser>> logger)
    where TUser : class
{
    /// <summary>The audit detail when recovery codes made since the change were removed.</summary>
    internal const string RecoveryCodesRemovedDetail = "recovery codes made since the change removed";

    /// <summary>Whether <paramref name="token"/> was the account's working undo link, now used.</summary>
    public async Task<bool> UndoAsync(string userId, string token, CancellationToken cancellationToken)
    {
        if (userId.Length > 450 || token.Length > 100 || await users.FindByIdAsync(userId) is not { } user
            || await EmailHistory.TakeUndoAsync(users, user, token, time.GetUtcNow()) is not { } undo)
        {
            return false;
        }

        var (previous, changedAt) = undo;
        var id = await users.GetUserIdAsync(user);

        var current = await users.GetEmailAsync(user);
        if (string.Equals(await users.GetUserNameAsync(user), current, StringComparison.OrdinalIgnoreCase))
        {
            await users.SetUserNameAsync(user, previous);
        }

        await users.SetEmailAsync(user, previous);
        await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user));
        await EmailHistory.ForgetPreviousAsync(users, user);
        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }

        // The change time is kept to the second: a method turned on within that second counts as the changer's.
        var since = changedAt.UtcDateTime;
        var recoveryCodesRemoved = await recoveryCodes.AnyMadeSinceAsync(id, since, cancellationToken);
        var removed = new List<DeliveryChannel>();
        foreach (var method in await methods.GetMethodsAsync(user, cancellationToken))
        {
            if (method.EnabledAt.UtcDateTime >= since)
            {
                // Audited and noticed (to the restored address alone) as any removal; the last one turns two-factor off.
                await methods.RemoveAsync(user, method.Channel, cancellationToken);
                removed.Add(method.Channel);
            }
        }

        if (removed.Any(c => c is DeliveryChannel.Sms or DeliveryChannel.Voice)
            && !(await methods.GetMethodsAsync(user, cancellationToken)).Any(m => m.Channel is DeliveryChannel.Sms or DeliveryChannel.Voice))
        {
            await users.SetPhoneNumberAsync(user, null);
        }

        if (recoveryCodesRemoved)
        {
            await recoveryCodes.RemoveAllAsync(id, cancellationToken);
        }

        await users.UpdateSecurityStampAsync(user);
        await devices.RevokeAllAsync(id, cancellationToken);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.EmailChangeUndone, id)
        {
            OldValue = string.IsNullOrEmpty(current) ? null : MaskedDestination.Email(current),
            NewValue = MaskedDestination.Email(previous),
            Detail = recoveryCodesRemoved ? RecoveryCodesRemovedDetail : null,
        }, cancellationToken);
        await notices.EmailChangeUndoneAsync(users, user, removed, recoveryCodesRemoved, cancellationToken);
        IdentityTfaLog.EmailChangeReverted(logger);
        return true;
    }
}
