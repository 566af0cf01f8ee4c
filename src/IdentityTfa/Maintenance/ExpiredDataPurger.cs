using IdentityTfa.Configuration;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Maintenance;

/// <summary>
/// Deletes what has outlived its use: ended or expired challenges, expired or revoked trusted devices, closed limit
/// windows, old development-inbox messages, and audit rows past their retention. Every step is a plain DELETE of rows
/// past a date, so several instances may run it at once.
/// </summary>
internal sealed class ExpiredDataPurger(TwoFactorDbContextAccessor db, IOptionsMonitor<TwoFactorOptions> options, TimeProvider time)
{
    /// <summary>Challenges are kept a day past their end, so the verify screen and the audit can still explain them.</summary>
    private static readonly TimeSpan ChallengeGrace = TimeSpan.FromDays(1);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var challengesBefore = now - ChallengeGrace;
        var auditBefore = now - options.CurrentValue.AuditRetention;
        var context = db.Context;

        var removed = await context.Set<TwoFactorChallenge>().Where(c => c.ExpiresAt < challengesBefore).ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<TrustedDevice>().Where(d => d.ExpiresAt < now || d.RevokedAt < challengesBefore).ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<RateCounter>().Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<DevInboxMessage>().Where(m => m.CreatedAt < now - TimeSpan.FromDays(7)).ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<AuditEvent>().Where(a => a.At < auditBefore).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }
}
