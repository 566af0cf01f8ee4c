using IdentityTfa.Delivery.DevInbox;
using IdentityTfa.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Delivery;

/// <summary>
/// The provider chain of each channel: the configured real providers in the order they were registered, or the
/// development inbox when there is none.
/// </summary>
internal sealed class MessageChannelRouter(IServiceProvider services, ILogger<MessageChannelRouter> logger) : IMessageDispatcher
{
    // Made when a message is first routed rather than with the router: every page that can send a code gets a router
    // (the verify screen, through the code sender), most of their requests send nothing, and making the channels builds
    // the Twilio HTTP clients, the SMTP channel and the development inboxes.
    private IReadOnlyList<IMessageChannel>? _channels;

    private IReadOnlyList<IMessageChannel> Channels => _channels ??= services.GetServices<IMessageChannel>().ToList();

    public IReadOnlyList<IMessageChannel> ChainFor(DeliveryChannel channel)
    {
        var configured = Channels.Where(c => c.Channel == channel && c.IsConfigured).ToList();
        var real = configured.Where(c => c is not DevInboxChannel).ToList();
        return real.Count > 0 ? real : configured;
    }

    public bool CanSend(DeliveryChannel channel) => ChainFor(channel).Count > 0;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        var result = DeliveryResult.Failed($"No message provider is configured for {message.Channel}.");
        foreach (var provider in ChainFor(message.Channel))
        {
            result = await provider.SendAsync(message, cancellationToken);
            if (result.Succeeded)
            {
                return result;
            }

            TwoFactorLog.ProviderFailed(logger, message.Channel, provider.ProviderName, result.Detail ?? result.Error ?? "unknown error");
        }

        return result;
    }
}
