using System.Runtime.CompilerServices;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Methods;

/// <summary>Which channels each user has turned on, and which one they prefer.</summary>
internal sealed class TwoFactorMethodStore(TwoFactorDbContextAccessor db, TimeProvider time)
{
    // The channels of the user last read, kept for the request: Identity asks each token provider in turn whether it can
    // make a code (one question per channel, several times a sign-in), which one read answers. Every write here forgets it.
    private (string UserId, DeliveryChannel[] Channels)? _channels;

    // Read on every send and every showing of the verify screen: compiled once per model, it skips building and
    // matching the LINQ expression each time.
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, IAsyncEnumerable<TwoFactorMethod>>> MethodsOfUser = [];

    private DbSet<TwoFactorMethod> Methods => db.Context.Set<TwoFactorMethod>();

    /// <summary>The channels a user has turned on, the preferred one first.</summary>
    public async Task<IReadOnlyList<TwoFactorMethod>> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var query = MethodsOfUser.GetValue(db.Context.Model, _ => EF.CompileAsyncQuery<DbContext, string, TwoFactorMethod>((context, user) =>
            context.Set<TwoFactorMethod>().AsNoTracking().Where(m => m.UserId == user).OrderByDescending(m => m.IsPreferred).ThenBy(m => m.Channel)));
        var methods = new List<TwoFactorMethod>();
        await foreach (var method in query(db.Context, userId).WithCancellation(cancellationToken))
        {
            methods.Add(method);
        }

        _channels = (userId, methods.Select(m => m.Channel).ToArray());
        return methods;
    }

    public async Task<bool> IsEnabledAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        if (_channels is not { } known || known.UserId != userId)
        {
            known = (userId, await Methods.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.Channel).ToArrayAsync(cancellationToken));
            _channels = known;
        }

        return known.Channels.Contains(channel);
    }

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
        _channels = null;
        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(method).State = EntityState.Detached;
    }

    public async Task SetPreferredAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        _channels = null;
        await Methods.Where(m => m.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsPreferred, m => m.Channel == channel), cancellationToken);
    }

    /// <summary>Dates a method from now, as it was bound to a new destination (a changed phone number).</summary>
    public Task RebindAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _channels = null;
        return Methods.Where(m => m.UserId == userId && m.Channel == channel).ExecuteUpdateAsync(s => s.SetProperty(m => m.EnabledAt, now), cancellationToken);
    }

    public Task RemoveAsync(string userId, DeliveryChannel channel, CancellationToken cancellationToken)
    {
        _channels = null;
        return Methods.Where(m => m.UserId == userId && m.Channel == channel).ExecuteDeleteAsync(cancellationToken);
    }

    public Task RemoveAllAsync(string userId, CancellationToken cancellationToken)
    {
        _channels = null;
        return Methods.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
