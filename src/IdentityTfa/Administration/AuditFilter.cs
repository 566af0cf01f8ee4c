namespace IdentityTfa.Administration;

/// <summary>Which audit events to read: of one account (email or id), of one type, between two UTC times; null means any.</summary>
internal sealed record AuditFilter(string? Account = null, string? Type = null, DateTime? From = null, DateTime? To = null);
