using System.Security.Claims;
using IdentityTfa.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Audit;

/// <inheritdoc />
internal sealed class AuditLog(TfaDbContextAccessor db, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    // The columns in the order of each row's values.
    private static readonly string[] Columns =
    [
        nameof(AuditEvent.At), nameof(AuditEvent.Type), nameof(AuditEvent.UserId), nameof(AuditEvent.ActorId), nameof(AuditEvent.IpAddress),
        nameof(AuditEvent.UserAgent), nameof(AuditEvent.Channel), nameof(AuditEvent.Purpose), nameof(AuditEvent.MaskedDestination),
        nameof(AuditEvent.Provider), nameof(AuditEvent.ProviderMessageId), nameof(AuditEvent.Detail), nameof(AuditEvent.OldValue), nameof(AuditEvent.NewValue),
    ];

    // Rows held back while a batch is open, written together by FlushAsync.
    private List<object?[]>? _held;

    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var row = ValuesOf(entry);
        if (_held is not null)
        {
            _held.Add(row);
            return;
        }

        await InsertAsync([row], cancellationToken);
    }

    /// <summary>
    /// Holds the rows written from now on until <see cref="FlushAsync"/> writes them in one INSERT; for a unit of work in
    /// one transaction (the verify step writes the code's row and the sign-in's). Disposing ends the batch and drops
    /// rows not flushed, as the transaction they belonged to was not committed either. Within an open batch, a second
    /// one changes nothing: the outer batch's flush writes its rows.
    /// </summary>
    public IDisposable Batch()
    {
        if (_held is not null)
        {
            return new BatchEnd(null);
        }

        _held = [];
        return new BatchEnd(this);
    }

    /// <summary>Writes the rows held by the open batch.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_held is { Count: > 0 } held)
        {
            _held = [];
            await InsertAsync(held, cancellationToken);
        }
    }

    private object?[] ValuesOf(AuditEntry entry)
    {
        var context = http.HttpContext;
        var signedIn = context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var actor = entry.ActorId ?? (signedIn is not null && signedIn != entry.UserId ? signedIn : null);
        return
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
    }

    // One INSERT written by hand rather than the change tracker: audit rows are written on every verify and sign-in,
    // and never read back by the request that writes them.
    private Task InsertAsync(List<object?[]> rows, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(
            db.Context,
            $"{nameof(AuditLog)}.Insert{rows.Count}",
            model => BuildInsertSql(model, rows.Count),
            rows.Count == 1 ? rows[0] : rows.SelectMany(row => row).ToArray(),
            cancellationToken);

    private static string BuildInsertSql(IModel model, int rows) =>
        $"INSERT INTO {SqlStatements.Table<AuditEvent>(model)} ({string.Join(", ", Columns.Select(column => SqlStatements.Column<AuditEvent>(model, column)))}) VALUES "
        + string.Join(", ", Enumerable.Range(0, rows).Select(row => $"({string.Join(", ", Columns.Select((_, i) => $"{{{(row * Columns.Length) + i}}}"))})"));

    private static string? Cut(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];

    private sealed class BatchEnd(AuditLog? log) : IDisposable
    {
        public void Dispose()
        {
            if (log is not null)
            {
                log._held = null;
            }
        }
    }
}
