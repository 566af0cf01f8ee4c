using IdentityTfa.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Limits;

/// <summary>
/// Fixed-window counters in the database. Taking a slot is one guarded UPDATE (or the INSERT of the window's first
/// slot), so two instances together allow no more than one would.
/// </summary>
internal sealed class RateLimiter(TfaDbContextAccessor db, TimeProvider time)
{
    private DbSet<RateCounter> Counters => db.Context.Set<RateCounter>();

    /// <summary>Takes one slot of <paramref name="limit"/> for <paramref name="subject"/>; false when the window is full.</summary>
    public async Task<bool> TryTakeAsync(string subject, RateLimit limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var window = now.Ticks / limit.Period.Ticks;
        var key = $"{subject}:{limit.Period.Ticks}:{window}";
        if (key.Length > 300)
        {
            key = key[..300];
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await Counters.Where(c => c.Key == key && c.Count < limit.Count)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1), cancellationToken) == 1)
            {
                return true;
            }

            if (await Counters.AnyAsync(c => c.Key == key, cancellationToken))
            {
                return false;
            }

            var counter = new RateCounter { Key = key, Count = 1, ExpiresAt = new DateTime((window + 1) * limit.Period.Ticks, DateTimeKind.Utc) };
            Counters.Add(counter);
            try
            {
                await db.Context.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another request opened the window first: count against its row.
            }
            finally
            {
                db.Context.Entry(counter).State = EntityState.Detached;
            }
        }

        return false;
    }
}
