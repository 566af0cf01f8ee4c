using IdentityTfa.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Challenges;

/// <summary>
/// The challenge table's reads on the send and verify paths, by (UserId, TokenPurpose): the index every one of them
/// uses. (Compiled queries were measured and did not earn their place: bench/README.md, issue 24.)
/// </summary>
internal static class ChallengeQueries
{
    /// <summary>The waiting code of this user and purpose when there is one (codes issued in the same instant cannot be told apart by time), else the newest.</summary>
    public static Task<TwoFactorChallenge?> NewestAsync(DbContext context, string userId, string tokenPurpose, CancellationToken cancellationToken) =>
        Of(context, userId, tokenPurpose)
            .OrderByDescending(c => c.State == ChallengeState.Active)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The verify-rate window of the newest code of this user and purpose, whatever became of it; null when none.</summary>
    public static Task<CarriedWindow?> CarriedWindowAsync(DbContext context, string userId, string tokenPurpose, CancellationToken cancellationToken) =>
        Of(context, userId, tokenPurpose)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new CarriedWindow(c.VerifyWindow, c.VerifyWindowAttempts))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>When the newest code of this user and purpose was issued, whatever became of it; null when none.</summary>
    public static Task<DateTime?> LastCreatedAtAsync(DbContext context, string userId, string tokenPurpose, CancellationToken cancellationToken) =>
        Of(context, userId, tokenPurpose).MaxAsync(c => (DateTime?)c.CreatedAt, cancellationToken);

    private static IQueryable<TwoFactorChallenge> Of(DbContext context, string userId, string tokenPurpose) =>
        context.Set<TwoFactorChallenge>().AsNoTracking().Where(c => c.UserId == userId && c.TokenPurpose == tokenPurpose);
}
