using IdentityTfa.Delivery;

namespace IdentityTfa.Sending;

/// <summary>A channel a user can receive sign-in codes on, as shown on the verify screen.</summary>
internal sealed record SignInChannel(DeliveryChannel Channel, string MaskedDestination, bool IsPreferred);
