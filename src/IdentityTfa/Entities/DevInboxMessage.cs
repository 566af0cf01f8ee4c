using IdentityTfa.Delivery;

namespace IdentityTfa.Entities;

/// <summary>A message the development inbox kept instead of sending. Development only: it holds codes in clear.</summary>
internal class DevInboxMessage
{
    /// <summary>Primary key, rising with time.</summary>
    public long Id { get; set; }

    /// <summary>The channel it would have gone by.</summary>
    public DeliveryChannel Channel { get; set; }

    /// <summary>Phone number or email address.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>Email subject; empty for text and voice.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The text of the message.</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>When it was kept.</summary>
    public DateTime CreatedAt { get; set; }
}
