namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>What the number lookup last found and decided for a user's phone.</summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
internal interface INumberLookupHistory<TUser>
    where TUser : class
{
    /// <summary>The last lookup of <paramref name="user"/>'s phone number, or null when it has none or it was never looked up.</summary>
    Task<LastNumberLookup?> GetLastLookupAsync(TUser user, CancellationToken cancellationToken = default);
}
