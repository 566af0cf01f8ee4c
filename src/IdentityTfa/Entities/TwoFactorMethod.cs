using IdentityTfa.Delivery;

namespace IdentityTfa.Entities;

/// <summary>A channel a user has turned on for their second factor.</summary>
internal class TwoFactorMethod
{
    /// <summary>The Identity user.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The channel.</summary>
    public DeliveryChannel Channel { get; set; }

    /// <summary>Whether sign-in uses this channel first.</summary>
    public bool IsPreferred { get; set; }

    /// <summary>When the user turned it on.</summary>
    public DateTime EnabledAt { get; set; }

    /// <summary>
    /// For the authenticator app: the last time step whose code was accepted (0 when none). A code of this step or an
    /// earlier one is refused, so each code is accepted once.
    /// </summary>
    public long LastTimeStep { get; set; }
}
