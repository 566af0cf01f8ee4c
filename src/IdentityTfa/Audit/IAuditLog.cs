namespace IdentityTfa.Audit;

/// <summary>Records 2FA events with the time, the client's address and user agent.</summary>
internal interface IAuditLog
{
    /// <summary>Records one event at once.</summary>
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="writes"/>, a unit of work in one database transaction (the verify step), recording the events
    /// written meanwhile within it. The default records each at once through <see cref="WriteAsync"/>; the built-in log
    /// holds them and writes them together at the end, in one INSERT inside the same transaction. A replaced log that
    /// keeps this default receives each event as it happens, including the events of a step that is then rolled back
    /// (a failed commit): it cannot tell those apart unless it implements this method itself (run
    /// <paramref name="writes"/>, hold the events meanwhile, and keep them only when it returns).
    /// </summary>
    Task<T> WriteTogetherAsync<T>(Func<Task<T>> writes, CancellationToken cancellationToken = default) => writes();
}
