using System.Security.Claims;
using IdentityTfa.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Audit;

/// <inheritdoc />
internal sealed class AuditLog(TfaDbContextAccessor db, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        var signedIn = context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var actor = entry.ActorId ?? (signedIn is not null && signedIn != entry.UserId ? signedIn : null);
        var row = new AuditEvent
        {
            At = time.GetUtcNow().UtcDateTime,
            Type = entry.Type,
            UserId = entry.UserId,
            ActorId = actor,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Cut(context?.Request.Headers.UserAgent.ToString(), 200),
            Channel = entry.Channel,
            Purpose = entry.Purpose,
            MaskedDestination = entry.MaskedDestination,
            Provider = Cut(entry.Provider, 40),
            ProviderMessageId = Cut(entry.ProviderMessageId, 64),
            Detail = Cut(entry.Detail, 1000),
            OldValue = Cut(entry.OldValue, 4000),
            NewValue = Cut(entry.NewValue, 4000),
        };
        db.Context.Set<AuditEvent>().Add(row);
        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(row).State = EntityState.Detached;
    }

    private static string? Cut(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
