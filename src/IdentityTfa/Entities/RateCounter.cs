namespace IdentityTfa.Entities;

/// <summary>How often something happened in one window of a limit; kept in the database so limits hold across restarts and instances.</summary>
internal class RateCounter
{
    /// <summary>What is counted and in which window, such as <c>send-destination:SignIn:+15551234567:20412</c>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>How often it happened in the window.</summary>
    public int Count { get; set; }

    /// <summary>When the window ends and the row may be purged.</summary>
    public DateTime ExpiresAt { get; set; }
}
