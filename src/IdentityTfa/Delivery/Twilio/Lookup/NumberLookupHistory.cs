using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>Reads a user's phone's last lookup from the shared lookup table.</summary>
internal sealed class NumberLookupHistory<TUser>(UserManager<TUser> users, NumberLookupCache cache) : INumberLookupHistory<TUser>
    where TUser : class
{
    public async Task<LastNumberLookup?> GetLastLookupAsync(TUser user, CancellationToken cancellationToken = default)
    {
        if (await users.GetPhoneNumberAsync(user) is not { Length: > 0 } phoneNumber)
        {
            return null;
        }

        var last = await cache.FindAsync(phoneNumber, cancellationToken);
        return last is null
            ? null
            : new LastNumberLookup(
                last.PhoneNumber,
                last.LineType,
                last.Carrier,
                last.LastSimSwapAt is { } swapped ? new DateTimeOffset(swapped, TimeSpan.Zero) : null,
                last.PumpingRiskScore,
                last.Decision,
                new DateTimeOffset(last.DecidedAt, TimeSpan.Zero),
                new DateTimeOffset(last.LookedUpAt, TimeSpan.Zero));
    }
}
