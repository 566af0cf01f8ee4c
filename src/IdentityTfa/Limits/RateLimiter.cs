using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Limits;

/// <summary>
/// Fixed-window counters in the database. Taking a slot is one guarded upsert, so two instances together allow no more than one would.
/// </summary>
internal sealed class RateLimiter(TwoFactorDbContextAccessor db, TimeProvider time)
{
    /// <summary>Takes one slot of <paramref name="limit"/> for <paramref name="subject"/>; false when the window is full.</summary>
    public async Task<bool> TryTakeAsync(string subject, RateLimit limit, CancellationToken cancellationToken)
    {
        var key = KeyOf(subject, limit);

        // One statement (RateCounterStatements): opens the window with its first slot, or takes a slot while it has one left.
        var taken = await RateCounterStatements.TakeSlotAsync(db.Context, key, limit.WindowEndAt(time.GetUtcNow().UtcDateTime), limit.Count, cancellationToken);
        return taken == 1;
    }

    /// <summary>The slots taken of <paramref name="limit"/> for <paramref name="subject"/> in the current window.</summary>
    public async Task<int> CountAsync(string subject, RateLimit limit, CancellationToken cancellationToken)
    {
        var key = KeyOf(subject, limit);
        return await db.Context.Set<RateCounter>().AsNoTracking().Where(c => c.Key == key).Select(c => c.Count).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Gives back every slot of the current window, as a success that ends a run of failures does.</summary>
    public async Task ResetAsync(string subject, RateLimit limit, CancellationToken cancellationToken)
    {
        var key = KeyOf(subject, limit);
        await db.Context.Set<RateCounter>().Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    private string KeyOf(string subject, RateLimit limit)
    {
        var key = $"{subject}:{limit.Period.Ticks}:{limit.WindowAt(time.GetUtcNow().UtcDateTime)}";
        return key.Length > 300 ? key[..300] : key;
    }
}
