using IdentityTfa.Devices;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Notices;

/// <summary>
/// Undoes an email change from the link mailed to the old address. Whoever changed the address may hold a session and
/// the password, so undoing it also makes the account safe: the old address comes back confirmed (and as the user name
/// where the name was the address), the security stamp changes (every session and bearer token fails its next check),
/// trusted browsers are forgotten, and the password is cleared, so that only the holder of the restored address can
/// sign in again, after setting a new password through "Forgot your password?".
/// </summary>
internal sealed class EmailChangeUndo<TUser>(
    UserManager<TUser> users,
    TrustedDeviceStore devices,
    TimeProvider time,
    ILogger<EmailChangeUndo<TUser>> logger)
    where TUser : class
{
    /// <summary>Whether <paramref name="token"/> was the account's working undo link, now used.</summary>
    public async Task<bool> UndoAsync(string userId, string token, CancellationToken cancellationToken)
    {
        if (userId.Length > 450 || token.Length > 100 || await users.FindByIdAsync(userId) is not { } user
            || await EmailHistory.TakeUndoAsync(users, user, token, time.GetUtcNow()) is not { } previous)
        {
            return false;
        }

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

        await users.UpdateSecurityStampAsync(user);
        await devices.RevokeAllAsync(await users.GetUserIdAsync(user), cancellationToken);
        IdentityTfaLog.EmailChangeReverted(logger);
        return true;
    }
}
