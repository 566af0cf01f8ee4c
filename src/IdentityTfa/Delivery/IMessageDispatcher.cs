namespace IdentityTfa.Delivery;

/// <summary>Sends any message (a notice, a confirmation link) through the provider configured for its channel.</summary>
public interface IMessageDispatcher
{
    /// <summary>Sends one message through the channel's provider.</summary>
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}
