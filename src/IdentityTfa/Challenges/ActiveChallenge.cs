using IdentityTfa.Delivery;

namespace IdentityTfa.Challenges;

/// <summary>What may be shown about the code a user is waiting for.</summary>
/// <param name="Id">The challenge's id.</param>
/// <param name="Channel">The way the code went.</param>
/// <param name="MaskedDestination">Where it went, masked for display.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="AttemptsLeft">Codes that may still be entered against it.</param>
/// <param name="IsExpired">Whether its lifetime has run out.</param>
/// <param name="DeliveryFailed">Whether the provider reported that the code did not arrive (a failed text, an unanswered call).</param>
internal sealed record ActiveChallenge(
    Guid Id,
    DeliveryChannel Channel,
    string MaskedDestination,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt,
    int AttemptsLeft,
    bool IsExpired,
    bool DeliveryFailed = false);
