using IdentityTfa.Delivery;
using IdentityTfa.Methods;

namespace IdentityTfa.Administration;

/// <summary>What an admin sees of one customer: the two-factor state, methods, trusted devices, lockout, and the methods they could be given.</summary>
internal sealed record CustomerDetails(
    string Id,
    string Email,
    bool TwoFactorEnabled,
    IReadOnlyList<TwoFactorMethodInfo> Methods,
    int TrustedDeviceCount,
    DateTimeOffset? LockedOutUntil,
    IReadOnlyList<DeliveryChannel> AvailableMethods);
