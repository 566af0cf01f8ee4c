namespace IdentityTfa.Audit;

/// <summary>An event to record. Never put a code or a secret in it.</summary>
internal sealed record AuditEntry(string Type, string? UserId)
{
    /// <summary>Who did it when not the account itself; taken from the signed-in user when not given.</summary>
    public string? ActorId { get; init; }

    /// <summary>The channel.</summary>
    public string? Channel { get; init; }

    /// <summary>The purpose.</summary>
    public string? Purpose { get; init; }

    /// <summary>The masked destination.</summary>
    public string? MaskedDestination { get; init; }

    /// <summary>The provider.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's message id.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>More in words.</summary>
    public string? Detail { get; init; }

    /// <summary>The value before a change.</summary>
    public string? OldValue { get; init; }

    /// <summary>The value after a change.</summary>
    public string? NewValue { get; init; }
}
