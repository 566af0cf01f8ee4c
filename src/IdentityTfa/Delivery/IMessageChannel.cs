namespace IdentityTfa.Delivery;

/// <summary>Delivers messages over one <see cref="DeliveryChannel"/>. Implement it to plug in a provider.</summary>
public interface IMessageChannel
{
    /// <summary>The channel this delivers over.</summary>
    DeliveryChannel Channel { get; }

    /// <summary>A short name of the provider, shown to admins.</summary>
    string ProviderName { get; }

    /// <summary>Whether the provider has the settings it needs; an unconfigured provider is skipped.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends one message; provider refusals come back as a failed <see cref="DeliveryResult"/>, not an exception.</summary>
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
