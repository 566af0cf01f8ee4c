namespace IdentityTfa.Administration;

/// <summary>One page of audit events, newest first, and whether an older page follows.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditRecord> Events, int PageNumber, bool HasNextPage);
