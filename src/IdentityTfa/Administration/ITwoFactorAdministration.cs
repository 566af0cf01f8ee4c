using IdentityTfa.Delivery;

namespace IdentityTfa.Administration;

/// <summary>What an admin may do to a customer's second factor. Every action is audited with the admin and the customer is told by email.</summary>
internal interface ITwoFactorAdministration<TUser>
    where TUser : class
{
    /// <summary>Turns the customer's two-factor sign-in on (it needs a method) or off (the methods stay, so turning it on again restores them).</summary>
    Task<bool> SetEnabledAsync(TUser customer, bool enabled, string adminId, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="channel"/> the customer's method, when they have the verified contact for it.</summary>
    Task<bool> SetMethodAsync(TUser customer, DeliveryChannel channel, string adminId, CancellationToken cancellationToken = default);

    /// <summary>Removes one of the customer's methods (the authenticator app's key goes with it); false when they do not have it.</summary>
    Task<bool> RemoveMethodAsync(TUser customer, DeliveryChannel channel, string adminId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes one of the customer's passkeys (its id in base64url, as <see cref="Passkeys.PasskeyInfo.Id"/>); the last one
    /// removes the passkey method. Audited and told to the customer as their own removal is; false when there is no such passkey.
    /// </summary>
    Task<bool> RemovePasskeyAsync(TUser customer, string passkeyId, string adminId, CancellationToken cancellationToken = default);

    /// <summary>Removes methods, recovery codes and trusted devices, so the customer enrols again.</summary>
    Task ResetAsync(TUser customer, string adminId, CancellationToken cancellationToken = default);

    /// <summary>Ends the trust of every browser of the customer.</summary>
    Task<int> RevokeDevicesAsync(TUser customer, string adminId, CancellationToken cancellationToken = default);

    /// <summary>Ends a lockout and clears the failure count.</summary>
    Task UnlockAsync(TUser customer, string adminId, CancellationToken cancellationToken = default);

    /// <summary>Whether two-factor sign-in is offered to this user under the site policy.</summary>
    Task<bool> IsOfferedToAsync(TUser user, CancellationToken cancellationToken = default);
}
