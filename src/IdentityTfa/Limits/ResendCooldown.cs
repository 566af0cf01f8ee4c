using System.Security.Cryptography;
using System.Text;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Limits;

/// <summary>
/// The resend cooldown of one user and purpose, taken as a slot in the rate-counter table by one guarded upsert
/// (<see cref="RateCounterStatements"/>) inside
/// the send's transaction. A parallel send waits for that row (PostgreSQL holds its key until the commit; SQLite lets
/// one writer in at a time) and then finds it taken, so two sends can never both pass, on one instance or several.
/// </summary>
internal sealed class ResendCooldown(TwoFactorDbContextAccessor db, TimeProvider time)
{
    /// <summary>Takes the cooldown for <paramref name="cooldown"/> from now; false while the last send's cooldown still runs.</summary>
    public async Task<bool> TryTakeAsync(string userId, string purpose, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var taken = await RateCounterStatements.TakeCooldownAsync(db.Context, KeyOf(userId, purpose), now + cooldown, now, cancellationToken);
        return taken == 1;
    }

    /// <summary>Gives the cooldown back, for a code that never reached the user and so must not hold back the next send.</summary>
    public Task ReleaseAsync(string userId, string purpose, CancellationToken cancellationToken)
    {
        var key = KeyOf(userId, purpose);
        return db.Context.Set<RateCounter>().Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    // A user id and a purpose (which may hold an email address) together can be longer than the key column: hashed.
    private static string KeyOf(string userId, string purpose) =>
        "send-cooldown:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId.Length}:{userId}:{purpose}")));
}
