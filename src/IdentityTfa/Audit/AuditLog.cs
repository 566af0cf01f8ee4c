using System.Security.Claims;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.Http;

namespace IdentityTfa.Audit;

/// <inheritdoc />
internal sealed class AuditLog(TwoFactorDbContextAccessor db, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
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

    /// <summary>A row's values in the order of <see cref="AuditStatements.Columns"/>.</summary>
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

    // One INSERT written by hand rather than the change tracker (AuditStatements): audit rows are written on every
    // verify and sign-in, and never read back by the request that writes them.
    private Task InsertAsync(List<object?[]> rows, CancellationToken cancellationToken) =>
        AuditStatements.InsertAsync(db.Context, rows, cancellationToken);

    private static string? Cut(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
