namespace IdentityTfa.Administration;

/// <summary>The audit log as an admin reads it: filtered, newest first, in pages or as a CSV file.</summary>
internal interface IAuditLogReader<TUser>
    where TUser : class
{
    /// <summary>A page of the events that match <paramref name="filter"/>, newest first.</summary>
    Task<AuditPage> ReadAsync(AuditFilter filter, int pageNumber, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// The events that match <paramref name="filter"/> as CSV, newest first, UTF-8 with a byte order mark (so a spreadsheet
    /// reads the masked destinations' bullets), each field quoted and any a spreadsheet would run as a formula defused.
    /// </summary>
    Task<byte[]> ExportCsvAsync(AuditFilter filter, CancellationToken cancellationToken = default);
}
