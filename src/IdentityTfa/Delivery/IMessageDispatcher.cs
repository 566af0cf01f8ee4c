namespace IdentityTfa.Delivery;

/// <summary>Sends any message (a notice, a confirmation link) through the providers configured for its channel.</summary>
public interface IMessageDispatcher
{
    /// <summary>Whether any provider can send over <paramref name="channel"/>.</summary>
    bool CanSend(DeliveryChannel channel);

    /// <summary>Sends one message, trying the channel's providers in order until one takes it.</summary>
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}
