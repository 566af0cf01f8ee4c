namespace IdentityTfa.Audit;

/// <summary>Records 2FA events with the time, the client's address and user agent.</summary>
internal interface IAuditLog
{
    /// <summary>Records one event at once.</summary>
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="writes"/>, a unit of work in one database transaction (the verify step), recording the events
    /// written meanwhile within it. The default records each at once through <see cref="WriteAsync"/>; the built-in log
    /// holds them and writes them together at the end, in one INSERT inside the same transaction.
    /// </summary>
    Task<T> WriteTogetherAsync<T>(Func<Task<T>> writes, CancellationToken cancellationToken = default) => writes();
}
