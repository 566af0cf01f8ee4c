using System.Globalization;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Methods;

/// <summary>
/// The method of the user's last successful two-factor sign-in, so the next verify screen and the token API's challenge
/// open on it while it is still enrolled and allowed. A code sign-in writes nothing for it: the code's challenge row, marked
/// used, already says its channel and when. Only a passkey sign-in (no challenge row) and a preference set in the settings
/// (which wins over the last method used) are kept, as the times of Identity user tokens.
/// </summary>
internal sealed class LastSignInMethod<TUser>(UserManager<TUser> users, ChallengeStore challenges, TimeProvider time)
    where TUser : class
{
    private const string LoginProvider = "[IdentityTfa]";
    private const string PasskeySignIn = "LastPasskeySignIn";
    private const string Forgotten = "LastSignInMethodForgotten";

    /// <summary>The method of the newer of the last code and the last passkey sign-in; null when none, or when forgotten since.</summary>
    public async Task<DeliveryChannel?> GetAsync(TUser user, CancellationToken cancellationToken = default)
    {
        if (!users.SupportsUserAuthenticationTokens)
        {
            return null;
        }

        (DeliveryChannel Channel, DateTimeOffset At)? last = null;
        if (await challenges.LastUsedAsync(await users.GetUserIdAsync(user), TokenPurposes.TwoFactor, cancellationToken) is { } code)
        {
            last = (code.Channel, code.At);
        }

        if (await ReadTimeAsync(user, PasskeySignIn) is { } passkey && (last is null || passkey >= last.Value.At))
        {
            last = (DeliveryChannel.Passkey, passkey);
        }

        // A preference set at the same instant as the last sign-in wins, as it came after it.
        return last is { } newest && !(await ReadTimeAsync(user, Forgotten) is { } forgotten && newest.At <= forgotten)
            ? newest.Channel
            : null;
    }

    /// <summary>Remembers a passkey sign-in now (a code sign-in needs nothing: its used challenge says it).</summary>
    public Task RememberPasskeyAsync(TUser user) => WriteNowAsync(user, PasskeySignIn);

    /// <summary>Forgets the last method used: a preference the user sets in the settings wins over it, until the next sign-in.</summary>
    public Task ForgetAsync(TUser user) => WriteNowAsync(user, Forgotten);

    private async Task WriteNowAsync(TUser user, string name)
    {
        if (users.SupportsUserAuthenticationTokens)
        {
            await users.SetAuthenticationTokenAsync(user, LoginProvider, name, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        }
    }

    private async Task<DateTimeOffset?> ReadTimeAsync(TUser user, string name) =>
        DateTimeOffset.TryParseExact(
            await users.GetAuthenticationTokenAsync(user, LoginProvider, name), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : null;
}
