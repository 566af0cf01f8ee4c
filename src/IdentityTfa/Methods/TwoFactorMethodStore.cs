using IdentityTfa.Data;
using IdentityTfa.Delivery;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Methods;

/// <summary>Which channels each user has turned on, and which one they prefer.</summary>
internal sealed class TwoFactorMethodStore(TfaDbContextAccessor db, TimeProvider time)
{
    private DbSet<TwoFactorMethod> Methods => db.Context.Set<TwoFactorMethod>();

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

    public Task RemoveAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken) =>
        Methods.Where(m => m.UserId == userId && m.Channel == channel).ExecuteDeleteAsync(cancellationToken);

    public Task RemoveAllAsync(string userId, CancellationToken cancellationToken) =>
        Methods.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
