using IdentityTfa.Delivery;

namespace IdentityTfa.Challenges;

/// <summary>What may be shown about the code a user is waiting for.</summary>
public sealed record ActiveChallenge(
    Guid Id,
    DeliveryChannel Channel,
    string MaskedDestination,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt,
    int AttemptsLeft,
    bool IsExpired,
    string? DeliveryStatus = null);
