using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace IdentityTfa.Delivery.DevInbox;

/// <summary>
/// Keeps messages in the database instead of sending them, for trying the product without any provider. It stands in
/// only for channels without a real provider, and never in Production.
/// </summary>
internal sealed class DevInboxChannel(DeliveryChannel channel, TwoFactorDbContextAccessor db, TimeProvider time, IHostEnvironment environment) : IMessageChannel
{
    public DeliveryChannel Channel { get; } = channel;

    public string ProviderName => "Development inbox";

    public bool IsConfigured => !environment.IsProduction();

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
        db.Context.Entry(stored).State = EntityState.Detached;
        return DeliveryResult.Sent($"devinbox-{stored.Id}", provider: "devinbox");
    }
}
