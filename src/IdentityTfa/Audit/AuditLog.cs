using System.Security.Claims;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Audit;

/// <inheritdoc />
internal sealed class AuditLog(TwoFactorDbContextAccessor db, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    // The columns in the order of each row's values.
    private static readonly string[] Columns =
    [
        nameof(AuditEvent.At), nameof(AuditEvent.Type), nameof(AuditEvent.UserId), nameof(AuditEvent.ActorId), nameof(AuditEvent.IpAddress),
        nameof(AuditEvent.UserAgent), nameof(AuditEvent.Channel), nameof(AuditEvent.Purpose), nameof(AuditEvent.MaskedDestination),
        nameof(AuditEvent.Provider), nameof(AuditEvent.ProviderMessageId), nameof(AuditEvent.Detail), nameof(AuditEvent.OldValue), nameof(AuditEvent.NewValue),
    ];

    // Rows held back while WriteTogetherAsync runs, written together at its end.
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
    /// Holds the rows written during <paramref name="writes"/> and writes them in one INSERT at its end, inside the same
    /// transaction (the verify step writes the code's row and the sign-in's). Rows of writes that throw are dropped, as
    /// the transaction they belonged to was not committed either. Within an open batch, the outer batch writes the rows.
    /// </summary>
    public async Task<T> WriteTogetherAsync<T>(Func<Task<T>> writes, CancellationToken cancellationToken = default)
    {
        if (_held is not null)
        {
            return await writes();
        }

        _held = [];
        try
        {
            var result = await writes();
            var held = _held;
            _held = null;
            if (held.Count > 0)
            {
                await InsertAsync(held, cancellationToken);
            }

            return result;
        }
        finally
        {
            _held = null;
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
}
