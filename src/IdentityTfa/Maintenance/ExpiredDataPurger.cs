using IdentityTfa.Configuration;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using IdentityTfa.TokenProviders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Maintenance;

/// <summary>
/// Deletes what has outlived its use: ended or expired challenges (but each user's newest used sign-in code), expired
/// or revoked trusted devices, closed limit windows, old development-inbox messages, and audit rows past their
/// retention. Every step is a plain DELETE of rows past a date, so several instances may run it at once.
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

        // A user's newest used sign-in code stays, as long as the audit log keeps its rows: it says the method of the
        // last sign-in (see LastSignInMethod).
        var challenges = context.Set<TwoFactorChallenge>();
        var removed = await challenges
            .Where(c => c.ExpiresAt < challengesBefore
                && !(c.TokenPurpose == TokenPurposes.TwoFactor && c.State == ChallengeState.Used && c.EndedAt >= auditBefore
                    && !challenges.Any(n => n.UserId == c.UserId && n.TokenPurpose == c.TokenPurpose && n.State == ChallengeState.Used && n.EndedAt > c.EndedAt)))
            .ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<TrustedDevice>().Where(d => d.ExpiresAt < now || d.RevokedAt < challengesBefore).ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<RateCounter>().Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<DevInboxMessage>().Where(m => m.CreatedAt < now - TimeSpan.FromDays(7)).ExecuteDeleteAsync(cancellationToken);
        removed += await context.Set<AuditEvent>().Where(a => a.At < auditBefore).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }
}
