using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityTfa.Notices;

/// <summary>
/// What an email change leaves behind, kept in Identity's user tokens (no table of our own): the address before the
/// change with the time of the change, and the single-use link that undoes it, stored as a hash with its expiry.
/// </summary>
internal static class EmailHistory
{
    private const string Provider = "IdentityTfa";
    private const string PreviousName = "PreviousEmail";
    private const string UndoName = "EmailChangeUndo";
    private const string UndoSinceName = "EmailChangeUndoSince";

    /// <summary>The address before the last change, and when it changed; null when the email never changed.</summary>
    public static async Task<(string Email, DateTimeOffset ChangedAt)?> PreviousAsync<TUser>(UserManager<TUser> users, TUser user)
        where TUser : class
    {
        var value = await users.GetAuthenticationTokenAsync(user, Provider, PreviousName);
        var parts = value?.Split('|', 2);
        return parts is { Length: 2 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? (parts[1], DateTimeOffset.FromUnixTimeSeconds(at))
            : null;
    }

    public static Task RecordChangeAsync<TUser>(UserManager<TUser> users, TUser user, string previous, DateTimeOffset at)
        where TUser : class =>
        users.SetAuthenticationTokenAsync(user, Provider, PreviousName, Invariant($"{at.ToUnixTimeSeconds()}|{previous}"));

    public static Task<IdentityResult> ForgetPreviousAsync<TUser>(UserManager<TUser> users, TUser user)
        where TUser : class =>
        users.RemoveAuthenticationTokenAsync(user, Provider, PreviousName);

    /// <summary>
    /// Makes the token of the link that restores <paramref name="previous"/>, unless a link made earlier still works: an
    /// attacker who changes the address twice must not replace the owner's link with one mailed to their own first
    /// address. Returns the token in clear this once, or null when the earlier link stays.
    /// </summary>
    public static async Task<string?> NewUndoTokenAsync<TUser>(UserManager<TUser> users, TUser user, string previous, DateTimeOffset now, TimeSpan lifetime)
        where TUser : class
    {
        if (await PendingUndoAsync(users, user) is { } pending && pending.ExpiresAt > now)
        {
            return null;
        }

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await users.SetAuthenticationTokenAsync(user, Provider, UndoName, Invariant($"{(now + lifetime).ToUnixTimeSeconds()}|{Hash(token)}|{previous}"));
        // The time of the change the link undoes (the first of several), from which on whatever was added is suspect.
        await users.SetAuthenticationTokenAsync(user, Provider, UndoSinceName, Invariant($"{now.ToUnixTimeSeconds()}"));
        return token;
    }

    /// <summary>
    /// Takes the undo link's record when <paramref name="token"/> is its token and it has not expired: the address to
    /// restore and the time of the change it undoes (to the second), or null.
    /// </summary>
    public static async Task<(string Email, DateTimeOffset ChangedAt)?> TakeUndoAsync<TUser>(UserManager<TUser> users, TUser user, string token, DateTimeOffset now)
        where TUser : class
    {
        if (await PendingUndoAsync(users, user) is not { } pending || pending.ExpiresAt <= now
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.Hash), Encoding.ASCII.GetBytes(Hash(token))))
        {
            return null;
        }

        // Removed before anything else, so the link works once: a link that could not be removed does nothing.
        if (!(await users.RemoveAuthenticationTokenAsync(user, Provider, UndoName)).Succeeded)
        {
            return null;
        }

        var since = await users.GetAuthenticationTokenAsync(user, Provider, UndoSinceName);
        await users.RemoveAuthenticationTokenAsync(user, Provider, UndoSinceName);
        // A link made before the time was kept falls back on the last change's time.
        var changedAt = long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? DateTimeOffset.FromUnixTimeSeconds(at)
            : (await PreviousAsync(users, user))?.ChangedAt ?? now;
        return (pending.Email, changedAt);
    }

    private static async Task<(DateTimeOffset ExpiresAt, string Hash, string Email)?> PendingUndoAsync<TUser>(UserManager<TUser> users, TUser user)
        where TUser : class
    {
        var parts = (await users.GetAuthenticationTokenAsync(user, Provider, UndoName))?.Split('|', 3);
        return parts is { Length: 3 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? (DateTimeOffset.FromUnixTimeSeconds(expires), parts[1], parts[2])
            : null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
