using System.Security.Claims;
using IdentityTfa.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Audit;

/// <inheritdoc />
internal sealed class AuditLog(TfaDbContextAccessor db, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        var signedIn = context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var actor = entry.ActorId ?? (signedIn is not null && signedIn != entry.UserId ? signedIn : null);
        // One INSERT written by hand rather than the change tracker: an audit row is written on every verify and sign-in,
        // and is never read back by the request that writes it.
        object?[] values =
        [
            time.GetUtcNow().UtcDateTime,
            entry.Type,
            entry.UserId,
            actor,
            context?.Connection.RemoteIpAddress?.ToString(),
            Cut(context?.Request.Headers.UserAgent.ToString(), 200),
            entry.Channel,
            entry.Purpose,
            entry.MaskedDestination,
            Cut(entry.Provider, 40),
            Cut(entry.ProviderMessageId, 64),
            Cut(entry.Detail, 1000),
            Cut(entry.OldValue, 4000),
            Cut(entry.NewValue, 4000),
        ];
        await db.Context.Database.ExecuteSqlRawAsync(
            SqlStatements.For(db.Context, nameof(AuditLog), BuildInsertSql), values!, cancellationToken);
    }

    // The columns in the order of the values above.
    private static readonly string[] Columns =
    [
        nameof(AuditEvent.At), nameof(AuditEvent.Type), nameof(AuditEvent.UserId), nameof(AuditEvent.ActorId), nameof(AuditEvent.IpAddress),
        nameof(AuditEvent.UserAgent), nameof(AuditEvent.Channel), nameof(AuditEvent.Purpose), nameof(AuditEvent.MaskedDestination),
        nameof(AuditEvent.Provider), nameof(AuditEvent.ProviderMessageId), nameof(AuditEvent.Detail), nameof(AuditEvent.OldValue), nameof(AuditEvent.NewValue),
    ];

    private static string BuildInsertSql(IModel model) =>
        $"INSERT INTO {SqlStatements.Table<AuditEvent>(model)} ({string.Join(", ", Columns.Select(column => SqlStatements.Column<AuditEvent>(model, column)))}) "
        + $"VALUES ({string.Join(", ", Columns.Select((_, i) => $"{{{i}}}"))})";

    private static string? Cut(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
