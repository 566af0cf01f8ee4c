using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore.Metadata;

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
        await SqlStatements.ExecuteAsync(db.Context, "AuthenticatorSteps.Use", BuildUseSql, [userId, step], cancellationToken) == 1;

    // {0} is the user, {1} the step.
    private static string BuildUseSql(IModel model)
    {
        var last = SqlStatements.Column<TwoFactorMethod>(model, nameof(TwoFactorMethod.LastTimeStep));
        return $"UPDATE {SqlStatements.Table<TwoFactorMethod>(model)} SET {last} = {{1}} "
            + $"WHERE {SqlStatements.Column<TwoFactorMethod>(model, nameof(TwoFactorMethod.UserId))} = {{0}} "
            + $"AND {SqlStatements.Column<TwoFactorMethod>(model, nameof(TwoFactorMethod.Channel))} = {(int)DeliveryChannel.Authenticator} AND {last} < {{1}}";
    }
}
