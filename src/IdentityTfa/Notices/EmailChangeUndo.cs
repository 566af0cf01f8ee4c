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

    /// <summary>The audit detail when the old address could not be restored (another account holds it, say).</summary>
    internal const string AddressNotRestoredDetail = "the old address could not be restored";

    /// <summary>The audit detail when the old address could not be restored and recovery codes were removed.</summary>
    internal const string AddressNotRestoredCodesRemovedDetail = "the old address could not be restored; recovery codes made since the change removed";

    /// <summary>The audit detail when a protective step failed (the address may have been restored).</summary>
    internal const string NotCompletedDetail = "not every step could be done";

    /// <summary>
    /// Uses <paramref name="token"/>, the account's undo link: null when it is not a working link; otherwise what was
    /// done. Every step's result is checked: when the old address cannot be restored (another account holds it, as when
    /// the changer registered it after the change), the protective steps are still done and the outcome says so.
    /// </summary>
    public async Task<EmailChangeUndoOutcome?> UndoAsync(string userId, string token, CancellationToken cancellationToken)
    {
        if (userId.Length > 450 || token.Length > 100 || await users.FindByIdAsync(userId) is not { } user
            || await EmailHistory.TakeUndoAsync(users, user, token, time.GetUtcNow()) is not { } undo)
        {
            return null;
        }

        var (previous, changedAt) = undo;
        var id = await users.GetUserIdAsync(user);
        var completed = true;

        var current = await users.GetEmailAsync(user);
        var restored = await RestoreAddressAsync(user, id, current, previous);
        if (restored)
        {
            completed &= (await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user))).Succeeded;
            completed &= (await EmailHistory.ForgetPreviousAsync(users, user)).Succeeded;
        }

        if (await users.HasPasswordAsync(user))
        {
            completed &= (await users.RemovePasswordAsync(user)).Succeeded;
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
            completed &= (await users.SetPhoneNumberAsync(user, null)).Succeeded;
        }

        if (recoveryCodesRemoved)
        {
            await recoveryCodes.RemoveAllAsync(id, cancellationToken);
        }

        completed &= (await users.UpdateSecurityStampAsync(user)).Succeeded;
        await devices.RevokeAllAsync(id, cancellationToken);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.EmailChangeUndone, id)
        {
            OldValue = string.IsNullOrEmpty(current) ? null : MaskedDestination.Email(current),
            NewValue = restored ? MaskedDestination.Email(previous) : null,
            Detail = !restored ? (recoveryCodesRemoved ? AddressNotRestoredCodesRemovedDetail : AddressNotRestoredDetail)
                : !completed ? NotCompletedDetail
                : recoveryCodesRemoved ? RecoveryCodesRemovedDetail
                : null,
        }, cancellationToken);
        if (restored)
        {
            // Mailed to the restored address; when it was not restored the address on the account is the changer's.
            await notices.EmailChangeUndoneAsync(users, user, removed, recoveryCodesRemoved, cancellationToken);
        }

        TwoFactorLog.EmailChangeReverted(logger);
        return !restored ? EmailChangeUndoOutcome.AddressNotRestored
            : !completed ? EmailChangeUndoOutcome.NotCompleted
            : EmailChangeUndoOutcome.Undone;
    }

    /// <summary>
    /// Puts the old address back (and as the user name where the name was the address), or nothing when it cannot be:
    /// another account holds it, or Identity refuses it. A refused change is set back, so the account stays as it was.
    /// </summary>
    private async Task<bool> RestoreAddressAsync(TUser user, string id, string? current, string previous)
    {
        if (await users.FindByEmailAsync(previous) is { } holder && await users.GetUserIdAsync(holder) != id)
        {
            return false;
        }

        var name = await users.GetUserNameAsync(user);
        var renamed = string.Equals(name, current, StringComparison.OrdinalIgnoreCase);
        if (renamed)
        {
            if (await users.FindByNameAsync(previous) is { } named && await users.GetUserIdAsync(named) != id)
            {
                return false;
            }

            if (!(await users.SetUserNameAsync(user, previous)).Succeeded)
            {
                await users.SetUserNameAsync(user, name);
                return false;
            }
        }

        if (!(await users.SetEmailAsync(user, previous)).Succeeded)
        {
            await users.SetEmailAsync(user, current);
            if (renamed)
            {
                await users.SetUserNameAsync(user, name);
            }

            return false;
        }

        return true;
    }
}

/// <summary>What an undo link did.</summary>
internal enum EmailChangeUndoOutcome
{
    /// <summary>The old address is back and every protective step was done.</summary>
    Undone,

    /// <summary>The old address could not be restored (another account holds it); the protective steps were done.</summary>
    AddressNotRestored,

    /// <summary>The old address is back, but a protective step failed.</summary>
    NotCompleted,
}
