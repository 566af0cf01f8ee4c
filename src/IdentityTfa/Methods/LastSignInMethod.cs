using IdentityTfa.Delivery;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Methods;

/// <summary>
/// The method of the user's last successful two-factor sign-in, kept as one of Identity's user tokens (no table of our
/// own), so the next verify screen and the token API's challenge open on it while it is still enrolled and allowed.
/// </summary>
internal static class LastSignInMethod
{
    private const string LoginProvider = "[IdentityTfa]";
    private const string TokenName = "LastSignInMethod";

    /// <summary>
    /// Remembers <paramref name="channel"/>; written only when it changed, so a sign-in with the same method adds no write.
    /// <paramref name="remembered"/> is what was read before (a sign-in reads it before its turn to write); else it is read now.
    /// </summary>
    public static async Task RememberAsync<TUser>(UserManager<TUser> users, TUser user, DeliveryChannel channel, Remembered? remembered = null)
        where TUser : class
    {
        if (!users.SupportsUserAuthenticationTokens || (remembered ?? new Remembered(await GetAsync(users, user))).Channel == channel)
        {
            return;
        }

        await users.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, channel.ToString());
    }

    /// <summary>The method last signed in with, if any.</summary>
    public static async Task<DeliveryChannel?> GetAsync<TUser>(UserManager<TUser> users, TUser user)
        where TUser : class =>
        users.SupportsUserAuthenticationTokens
        && Enum.TryParse<DeliveryChannel>(await users.GetAuthenticationTokenAsync(user, LoginProvider, TokenName), out var channel)
            ? channel
            : null;

    /// <summary>Forgets it: a preference the user sets in the settings wins over the last method used.</summary>
    public static async Task ForgetAsync<TUser>(UserManager<TUser> users, TUser user)
        where TUser : class
    {
        if (users.SupportsUserAuthenticationTokens && await GetAsync(users, user) is not null)
        {
            await users.RemoveAuthenticationTokenAsync(user, LoginProvider, TokenName);
        }
    }

    /// <summary>The method remembered when it was read (null: none).</summary>
    public sealed record Remembered(DeliveryChannel? Channel);
}
