using IdentityTfa.Data;

namespace IdentityTfa.Delivery.DevInbox;

/// <summary>Keeps messages in the database instead of sending them, for trying the product without any provider. Development only.</summary>
internal sealed class DevInboxChannel(DeliveryChannel channel, TfaDbContextAccessor db, TimeProvider time) : IMessageChannel
{
    public DeliveryChannel Channel { get; } = channel;

    public string ProviderName => "Development inbox";

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var stored = new DevInboxMessage
        {
            Channel = message.Channel,
            To = message.To,
            Subject = message.Subject,
            Body = message.Body,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Context.Set<DevInboxMessage>().Add(stored);
        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(stored).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        return DeliveryResult.Sent($"devinbox-{stored.Id}");
    }
}
