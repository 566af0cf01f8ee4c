using IdentityTfa.Delivery;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Methods;

/// <summary>Where a channel reaches a user: the confirmed phone number for texts and calls, the confirmed email for email.</summary>
internal static class ConfirmedDestinations
{
    /// <summary>What stands for the destination of the authenticator app, which has none.</summary>
    public const string AuthenticatorDestination = "authenticator";

    /// <summary>What stands for the destination of passkeys, which have none.</summary>
    public const string PasskeyDestination = "passkey";

    /// <summary>The user's confirmed destination for the channel, or null when there is none.</summary>
    public static async Task<string?> GetAsync<TUser>(UserManager<TUser> users, TUser user, DeliveryChannel channel)
        where TUser : class
    {
        if (channel == DeliveryChannel.Authenticator)
        {
            // Nothing is sent: the app holds the key. Without a key there is nothing to check a code against.
            return users.SupportsUserAuthenticatorKey && !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)) ? AuthenticatorDestination : null;
        }

        if (channel == DeliveryChannel.Passkey)
        {
            // Nothing is sent: the user's authenticator holds the key. Without a stored passkey there is nothing to check.
            return users.SupportsUserPasskey && (await users.GetPasskeysAsync(user)).Count > 0 ? PasskeyDestination : null;
        }

        var (destination, confirmed) = channel == DeliveryChannel.Email
            ? (await users.GetEmailAsync(user), await users.IsEmailConfirmedAsync(user))
            : (await users.GetPhoneNumberAsync(user), await users.IsPhoneNumberConfirmedAsync(user));
        return confirmed && !string.IsNullOrEmpty(destination) ? destination : null;
    }
}
