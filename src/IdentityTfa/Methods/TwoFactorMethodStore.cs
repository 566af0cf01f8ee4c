using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Methods;

/// <summary>Which channels each user has turned on, and which one they prefer.</summary>
internal sealed class TwoFactorMethodStore(TwoFactorDbContextAccessor db, TimeProvider time)
{
    private DbSet<TwoFactorMethod> Methods => db.Context.Set<TwoFactorMethod>();

    /// <summary>The channels a user has turned on, the preferred one first.</summary>
    public async Task<IReadOnlyList<TwoFactorMethod>> GetAsync(string userId, CancellationToken cancellationToken) =>
        await Methods.AsNoTracking().Where(m => m.UserId == userId).OrderByDescending(m => m.IsPreferred).ThenBy(m => m.Channel).ToListAsync(cancellationToken);

    public Task<bool> IsEnabledAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken) =>
        Methods.AnyAsync(m => m.UserId == userId && m.Channel == channel, cancellationToken);

    /// <summary>Turns a channel on; the first channel a user turns on becomes the preferred one.</summary>
    public async Task EnableAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        if (await IsEnabledAsync(userId, channel, cancellationToken))
        {
            return;
        }

        var hasPreferred = await Methods.AnyAsync(m => m.UserId == userId && m.IsPreferred, cancellationToken);
        var method = new TwoFactorMethod
        {
            UserId = userId,
            Channel = channel,
            IsPreferred = !hasPreferred,
            EnabledAt = time.GetUtcNow().UtcDateTime,
        };
        Methods.Add(method);
        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(method).State = EntityState.Detached;
    }

    public async Task SetPreferredAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        await Methods.Where(m => m.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsPreferred, m => m.Channel == channel), cancellationToken);
    }

    /// <summary>Dates a method from now, as it was bound to a new destination (a changed phone number).</summary>
    public Task RebindAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Methods.Where(m => m.UserId == userId && m.Channel == channel).ExecuteUpdateAsync(s => s.SetProperty(m => m.EnabledAt, now), cancellationToken);
    }

    public Task RemoveAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken) =>
        Methods.Where(m => m.UserId == userId && m.Channel == channel).ExecuteDeleteAsync(cancellationToken);

    public Task RemoveAllAsync(string userId, CancellationToken cancellationToken) =>
        Methods.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
