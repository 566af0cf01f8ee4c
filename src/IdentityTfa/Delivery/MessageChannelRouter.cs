using IdentityTfa.Delivery.DevInbox;

namespace IdentityTfa.Delivery;

/// <summary>Picks the provider of a channel: the first real one registered for it, else the development inbox.</summary>
internal sealed class MessageChannelRouter(IEnumerable<IMessageChannel> channels) : IMessageDispatcher
{
    public IMessageChannel? For(DeliveryChannel channel) =>
        channels.Where(c => c.Channel == channel).OrderBy(c => c is DevInboxChannel ? 1 : 0).FirstOrDefault();

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
        For(message.Channel) is { } provider
            ? provider.SendAsync(message, cancellationToken)
            : Task.FromResult(DeliveryResult.Failed($"No message provider is configured for {message.Channel}."));
}
