using IdentityTfa.Audit;
using IdentityTfa.Configuration;
using IdentityTfa.Logging;
using IdentityTfa.Notices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Limits;

/// <summary>
/// The cumulative cap on second-factor failures (NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failed attempts on an
/// account): sent codes and recovery codes, across lockouts, which reset Identity's own count but not this one. At the
/// cap, second-factor sign-in stops until the password is reset by email. Kept as a counter row of the rate limiter
/// whose window outlasts the account (no new table), taken by the same guarded upsert, so parallel failures on several
/// instances never count past the cap.
/// </summary>
internal sealed class SecondFactorFailures(
    RateLimiter limiter,
    IOptionsMonitor<TwoFactorOptions> options,
    IAuditLog audit,
    AccountNoticeSender notices,
    ILogger<SecondFactorFailures> logger)
{
    // A window of a century: the counter never expires by itself, only a success or a password reset ends it.
    private static readonly TimeSpan Forever = TimeSpan.FromDays(36500);

    private RateLimit Cap => new(options.CurrentValue.SecondFactorFailureCap, Forever);

    /// <summary>True when the account has reached the cap and may not sign in with a second factor.</summary>
    public async Task<bool> IsStoppedAsync(string userId, CancellationToken cancellationToken) =>
        await limiter.CountAsync(Subject(userId), Cap, cancellationToken) >= Cap.Count;

    /// <summary>Counts one failure; the one that reaches the cap audits it and tells the holder, once.</summary>
    public async Task FailedAsync(string userId, string? email, CancellationToken cancellationToken)
    {
        var cap = Cap;
        if (!await limiter.TryTakeAsync(Subject(userId), cap, cancellationToken)
            || await limiter.CountAsync(Subject(userId), cap, cancellationToken) < cap.Count
            || !await limiter.TryTakeAsync($"second-factor-stopped-notice:{userId}", new RateLimit(1, Forever), cancellationToken))
        {
            return;
        }

        TwoFactorLog.SecondFactorCapReached(logger, userId, cap.Count);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.SecondFactorStopped, userId) { Detail = $"{cap.Count} failures" }, cancellationToken);
        await notices.SendAsync(
            email,
            "two-factor sign-in is stopped",
            $"Someone entered {cap.Count} wrong sign-in codes or recovery codes for your account in a row, so signing in with a code is stopped. To sign in again, reset your password from the sign-in page (\"Forgot your password?\"); the reset link comes to this address.",
            cancellationToken);
    }

    /// <summary>Ends the run: after a second-factor success, or when the password is reset by email.</summary>
    public async Task ResetAsync(string userId, CancellationToken cancellationToken)
    {
        await limiter.ResetAsync(Subject(userId), Cap, cancellationToken);
        await limiter.ResetAsync($"second-factor-stopped-notice:{userId}", new RateLimit(1, Forever), cancellationToken);
    }

    private static string Subject(string userId) => $"second-factor-failures:{userId}";
}
