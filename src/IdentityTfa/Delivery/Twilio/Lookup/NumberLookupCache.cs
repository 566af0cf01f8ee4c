using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>The last lookup of each number, in the database so that every instance shares it.</summary>
internal sealed class NumberLookupCache(TwoFactorDbContextAccessor db)
{
    private DbSet<NumberLookupRecord> Lookups => db.Context.Set<NumberLookupRecord>();

    public Task<NumberLookupRecord?> FindAsync(string phoneNumber, CancellationToken cancellationToken) =>
        Lookups.AsNoTracking().SingleOrDefaultAsync(l => l.PhoneNumber == phoneNumber, cancellationToken);

    /// <summary>Writes the lookup and its decision over the number's earlier one; run inside a write unit.</summary>
    public async Task SaveAsync(NumberLookupRecord lookup, CancellationToken cancellationToken)
    {
        var updated = await Lookups.Where(l => l.PhoneNumber == lookup.PhoneNumber).ExecuteUpdateAsync(
            set => set
                .SetProperty(l => l.LineType, lookup.LineType)
                .SetProperty(l => l.Carrier, lookup.Carrier)
                .SetProperty(l => l.LastSimSwapAt, lookup.LastSimSwapAt)
                .SetProperty(l => l.PumpingRiskScore, lookup.PumpingRiskScore)
                .SetProperty(l => l.LookedUpAt, lookup.LookedUpAt)
                .SetProperty(l => l.Decision, lookup.Decision)
                .SetProperty(l => l.DecidedAt, lookup.DecidedAt),
            cancellationToken);
        if (updated == 0)
        {
            Lookups.Add(lookup);
            try
            {
                await db.Context.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.Context.Entry(lookup).State = EntityState.Detached;
            }
        }
    }
}
