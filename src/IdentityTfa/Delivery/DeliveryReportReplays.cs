using IdentityTfa.Persistence;

namespace IdentityTfa.Delivery;

/// <summary>
/// The provider's delivery reports already recorded, each by its message and status, kept as a row of the rate-counter
/// table (whose key is unique) for <see cref="Kept"/>: a report sent again (a provider's retry, or a replayed request)
/// finds its row and changes nothing.
/// </summary>
internal sealed class DeliveryReportReplays(TwoFactorDbContextAccessor db, TimeProvider time)
{
    /// <summary>How long a report is remembered; providers retry a report for hours at most.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(7);

    /// <summary>Notes the report of <paramref name="status"/> for the message; false when it was noted before.</summary>
    public async Task<bool> TryRecordAsync(string providerMessageId, string status, CancellationToken cancellationToken) =>
        await RateCounterStatements.NoteOnceAsync(
            db.Context, $"delivery-report:{providerMessageId}:{status.ToLowerInvariant()}", time.GetUtcNow().UtcDateTime + Kept, cancellationToken) == 1;
}
