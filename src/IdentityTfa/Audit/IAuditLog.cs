namespace IdentityTfa.Audit;

/// <summary>Records 2FA events with the time, the client's address and user agent.</summary>
public interface IAuditLog
{
    /// <summary>Records one event at once.</summary>
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}
