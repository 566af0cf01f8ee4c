namespace IdentityTfa.Devices;

/// <summary>Lists and revokes the browsers a user trusts to skip the code.</summary>
internal interface ITrustedDeviceManager<TUser>
    where TUser : class
{
    /// <summary>The browsers that still skip the code, most recently used first.</summary>
    Task<IReadOnlyList<TrustedDeviceInfo>> ListAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>Ends the trust of one browser; it is asked for a code at its next sign-in.</summary>
    Task<bool> RevokeAsync(TUser user, Guid deviceId, CancellationToken cancellationToken = default);

    /// <summary>Ends the trust of every browser of the user.</summary>
    Task<int> RevokeAllAsync(TUser user, CancellationToken cancellationToken = default);
}
