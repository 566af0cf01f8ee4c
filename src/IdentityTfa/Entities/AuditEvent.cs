namespace IdentityTfa.Entities;

/// <summary>One recorded 2FA event. Holds no code and no secret: destinations are masked.</summary>
internal class AuditEvent
{
    /// <summary>Primary key, rising with time.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>What happened; one of <see cref="Audit.AuditEventTypes"/>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The account it happened to.</summary>
    public string? UserId { get; set; }

    /// <summary>Who did it, when not the account itself (an admin).</summary>
    public string? ActorId { get; set; }

    /// <summary>The client's address.</summary>
    public string? IpAddress { get; set; }

    /// <summary>The client's user agent.</summary>
    public string? UserAgent { get; set; }

    /// <summary>The channel, for code and method events.</summary>
    public string? Channel { get; set; }

    /// <summary>The purpose, for code events.</summary>
    public string? Purpose { get; set; }

    /// <summary>The masked destination, for code events.</summary>
    public string? MaskedDestination { get; set; }

    /// <summary>The provider that carried a message.</summary>
    public string? Provider { get; set; }

    /// <summary>The provider's id of a message.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>More about the event in words, such as a provider's error.</summary>
    public string? Detail { get; set; }

    /// <summary>The value before a change.</summary>
    public string? OldValue { get; set; }

    /// <summary>The value after a change.</summary>
    public string? NewValue { get; set; }
}
