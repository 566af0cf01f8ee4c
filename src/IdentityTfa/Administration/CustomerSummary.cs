using IdentityTfa.Delivery;

namespace IdentityTfa.Administration;

/// <summary>One row of the customer list: the account, its two-factor state, methods, last sign-in and lockout.</summary>
internal sealed record CustomerSummary(
    string Id,
    string Email,
    bool TwoFactorEnabled,
    IReadOnlyList<DeliveryChannel> Methods,
    DateTime? LastSignIn,
    bool LockedOut);
