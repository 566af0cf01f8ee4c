using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Authenticator;

/// <summary>
/// The last accepted time step of each user's authenticator app, moved forward by one guarded UPDATE
/// (<c>... WHERE LastTimeStep &lt; @step</c>): of two requests with the same code, on one instance or several, one moves
/// it and the other changes nothing, so a code is accepted once, and a code of an earlier step never.
/// </summary>
internal sealed class AuthenticatorSteps(TwoFactorDbContextAccessor db)
{
    /// <summary>True when <paramref name="step"/> was later than the last accepted one and is now the last; false when it was not.</summary>
    public async Task<bool> TryUseAsync(string userId, long step, CancellationToken cancellationToken) =>
        await db.Context.Set<TwoFactorMethod>()
            .Where(m => m.UserId == userId && m.Channel == DeliveryChannel.Authenticator && m.LastTimeStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastTimeStep, step), cancellationToken) == 1;
}
