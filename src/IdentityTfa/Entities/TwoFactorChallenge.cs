using IdentityTfa.Delivery;

namespace IdentityTfa.Entities;

/// <summary>
/// One code that was sent: only its keyed hash is kept, with what it is for, where it went, when it ends and how often it was tried.
/// </summary>
internal class TwoFactorChallenge
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; }

    /// <summary>The Identity user the code belongs to.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The Identity token purpose the code was made for, such as <c>TwoFactor</c> or <c>ChangePhoneNumber:+15551234567</c>.</summary>
    public string TokenPurpose { get; set; } = string.Empty;

    /// <summary>What the code is for, which decides the policy it follows.</summary>
    public ChallengePurpose Purpose { get; set; }

    /// <summary>The channel it was first sent by.</summary>
    public DeliveryChannel Channel { get; set; }

    /// <summary>The destination as it may be shown, such as <c>•••• 4567</c>.</summary>
    public string MaskedDestination { get; set; } = string.Empty;

    /// <summary>The message or call id the provider gave, to match its delivery reports.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The provider's last delivery report, such as delivered, failed or undelivered.</summary>
    public string? DeliveryStatus { get; set; }

    /// <summary>Random salt of the hash.</summary>
    public byte[] Salt { get; set; } = [];

    /// <summary>HMAC-SHA256 of the code; the code itself is never stored.</summary>
    public byte[] CodeHash { get; set; } = [];

    /// <summary>When it was issued.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it stops being accepted.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>Codes entered against it so far, right or wrong.</summary>
    public int Attempts { get; set; }

    /// <summary>Codes that may be entered against it before it is dead.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>
    /// The verify-rate window its last counted code fell in (the time in ticks divided by the window's length). The
    /// window and its count pass to the next code of the same user and purpose, so "Send new code" does not reset them.
    /// </summary>
    public long VerifyWindow { get; set; }

    /// <summary>Codes entered in <see cref="VerifyWindow"/>, against this code and the ones it replaced.</summary>
    public int VerifyWindowAttempts { get; set; }

    /// <summary>Where it stands.</summary>
    public ChallengeState State { get; set; }

    /// <summary>When it was used or ended.</summary>
    public DateTime? EndedAt { get; set; }
}
