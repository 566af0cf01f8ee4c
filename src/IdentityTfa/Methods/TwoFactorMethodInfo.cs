using IdentityTfa.Delivery;

namespace IdentityTfa.Methods;

/// <summary>A second-factor method a user has turned on, as shown in account settings.</summary>
internal sealed record TwoFactorMethodInfo(DeliveryChannel Channel, string MaskedDestination, bool IsPreferred, DateTimeOffset EnabledAt);
