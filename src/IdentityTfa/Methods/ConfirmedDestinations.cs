using IdentityTfa.Delivery;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Methods;

/// <summary>Where a channel reaches a user: the confirmed phone number for texts and calls, the confirmed email for email.</summary>
internal static class ConfirmedDestinations
{
    /// <summary>The user's confirmed destination for the channel, or null when there is none.</summary>
    public static async Task<string?> GetAsync<TUser>(UserManager<TUser> users, TUser user, DeliveryChannel channel)
        where TUser : class
    {
        var (destination, confirmed) = channel == DeliveryChannel.Email
            ? (await users.GetEmailAsync(user), await users.IsEmailConfirmedAsync(user))
            : (await users.GetPhoneNumberAsync(user), await users.IsPhoneNumberConfirmedAsync(user));
        return confirmed && !string.IsNullOrEmpty(destination) ? destination : null;
    }
}
