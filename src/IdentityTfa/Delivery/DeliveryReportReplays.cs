using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore.Metadata;

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
        await SqlStatements.ExecuteAsync(
            db.Context,
            nameof(DeliveryReportReplays),
            BuildRecordSql,
            [$"delivery-report:{providerMessageId}:{status.ToLowerInvariant()}", time.GetUtcNow().UtcDateTime + Kept],
            cancellationToken) == 1;

    private static string BuildRecordSql(IModel model)
    {
        var table = SqlStatements.Table<RateCounter>(model);
        var key = SqlStatements.Column<RateCounter>(model, nameof(RateCounter.Key));
        var count = SqlStatements.Column<RateCounter>(model, nameof(RateCounter.Count));
        var expiresAt = SqlStatements.Column<RateCounter>(model, nameof(RateCounter.ExpiresAt));
        return $"INSERT INTO {table} ({key}, {count}, {expiresAt}) VALUES ({{0}}, 1, {{1}}) ON CONFLICT ({key}) DO NOTHING";
    }
}
