using IdentityTfa.Delivery;

namespace IdentityTfa.Challenges;

/// <summary>A code that was used: the channel it went by and when it was used.</summary>
internal sealed record UsedCode(DeliveryChannel Channel, DateTimeOffset At);
