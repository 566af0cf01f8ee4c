namespace IdentityTfa.Administration;

/// <summary>One audit event as an admin reads it, with the account and the actor as their emails (their ids when the account is gone).</summary>
internal sealed record AuditRecord(
    DateTime At,
    string Type,
    string? Account,
    string? Actor,
    string? IpAddress,
    string? UserAgent,
    string? Channel,
    string? Purpose,
    string? MaskedDestination,
    string? Provider,
    string? ProviderMessageId,
    string? Detail,
    string? OldValue,
    string? NewValue);
