using IdentityTfa.Codes;
using IdentityTfa.Data;
using IdentityTfa.Delivery;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Challenges;

/// <summary>
/// Issues and checks stateful codes. Every change of a challenge's state is a single guarded UPDATE, so parallel
/// requests (on one instance or several) can neither try more codes than allowed nor use one code twice.
/// </summary>
internal sealed class ChallengeStore(TfaDbContextAccessor db, CodeGenerator generator, CodeHasher hasher, TimeProvider time)
{
    // The newest challenge last read for a user and purpose, kept for the rest of the request: the verify screen asks
    // which code is waiting, then checks the code against the same row. Every write by this store forgets it, and a
    // row grown stale in between is harmless, because every change is guarded by the row's state in the database.
    private (string UserId, string Purpose, TfaChallenge? Row)? _newest;

    private DbSet<TfaChallenge> Challenges => db.Context.Set<TfaChallenge>();

    public async Task<IssuedCode> IssueAsync(
        string userId,
        string purpose,
        ChallengePurpose kind,
        CodePolicyOptions policy,
        DeliveryChannel channel,
        string maskedDestination,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _newest = null;

        // A new code ends every earlier one of the same user and purpose ("Send new code").
        await Challenges
            .Where(c => c.UserId == userId && c.Purpose == purpose && c.State == ChallengeState.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ChallengeState.Superseded).SetProperty(c => c.EndedAt, now), cancellationToken);

        var code = generator.Generate(policy);
        var challenge = new TfaChallenge
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserId = userId,
            Purpose = purpose,
            Policy = kind,
            Channel = channel,
            MaskedDestination = maskedDestination,
            Salt = CodeHasher.NewSalt(),
            CreatedAt = now,
            ExpiresAt = now + policy.Lifetime,
            MaxAttempts = policy.MaxAttempts,
            State = ChallengeState.Active,
        };
        challenge.CodeHash = await hasher.HashAsync(challenge.Salt, userId, purpose, code, cancellationToken);

        Challenges.Add(challenge);
        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(challenge).State = EntityState.Detached;

        return new IssuedCode(challenge.Id, code, new DateTimeOffset(challenge.ExpiresAt, TimeSpan.Zero));
    }

    /// <summary>The newest code of this user and purpose that is still waiting, expired or not; null when none.</summary>
    public async Task<ActiveChallenge?> FindActiveAsync(string userId, string purpose, CancellationToken cancellationToken)
    {
        var challenge = await FindNewestAsync(userId, purpose, cancellationToken);
        if (challenge is null || challenge.State != ChallengeState.Active)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new ActiveChallenge(
            challenge.Id,
            challenge.Channel,
            challenge.MaskedDestination,
            new DateTimeOffset(challenge.CreatedAt, TimeSpan.Zero),
            new DateTimeOffset(challenge.ExpiresAt, TimeSpan.Zero),
            Math.Max(0, challenge.MaxAttempts - challenge.Attempts),
            now >= challenge.ExpiresAt,
            challenge.DeliveryStatus);
    }

    /// <summary>When the newest code of this user and purpose was sent, whatever became of it.</summary>
    public async Task<DateTimeOffset?> LastSentAtAsync(string userId, string purpose, CancellationToken cancellationToken)
    {
        var newest = await Challenges.AsNoTracking()
            .Where(c => c.UserId == userId && c.Purpose == purpose)
            .MaxAsync(c => (DateTime?)c.CreatedAt, cancellationToken);
        return newest is null ? null : new DateTimeOffset(DateTime.SpecifyKind(newest.Value, DateTimeKind.Utc), TimeSpan.Zero);
    }

    public async Task<VerifyResult> VerifyAsync(string userId, string purpose, string? input, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var challenge = await FindNewestAsync(userId, purpose, cancellationToken);
        if (challenge is null || challenge.State is ChallengeState.Used or ChallengeState.Superseded)
        {
            return new VerifyResult.NoActiveCode();
        }

        if (challenge.State == ChallengeState.Exhausted)
        {
            return new VerifyResult.AttemptsExhausted();
        }

        if (now >= challenge.ExpiresAt)
        {
            return new VerifyResult.Expired();
        }

        // Compare first (in constant time, on the hash already read), then record the attempt and its outcome in one
        // guarded UPDATE: only an attempt that this UPDATE counts can succeed, so whatever runs in parallel, on one
        // instance or several, no more codes are accepted for checking than allowed, and a code is used once.
        var code = CodeAlphabet.NormalizeInput(input);
        var matches = await hasher.MatchesAsync(challenge.CodeHash, challenge.Salt, userId, purpose, code, cancellationToken);
        _newest = null;
        var pending = Challenges.Where(c => c.Id == challenge.Id && c.State == ChallengeState.Active && c.Attempts < c.MaxAttempts);
        var counted = matches
            ? await pending.ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1).SetProperty(c => c.State, ChallengeState.Used).SetProperty(c => c.EndedAt, now),
                cancellationToken)
            : await pending.ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1)
                    .SetProperty(c => c.State, c => c.Attempts + 1 >= c.MaxAttempts ? ChallengeState.Exhausted : ChallengeState.Active)
                    .SetProperty(c => c.EndedAt, c => c.Attempts + 1 >= c.MaxAttempts ? (DateTime?)now : c.EndedAt),
                cancellationToken);
        if (counted == 0)
        {
            return await ExplainRefusalAsync(challenge.Id, cancellationToken);
        }

        if (matches)
        {
            return new VerifyResult.Verified();
        }

        var attemptsMade = await Challenges.Where(c => c.Id == challenge.Id).Select(c => c.Attempts).FirstAsync(cancellationToken);
        var attemptsLeft = Math.Max(0, challenge.MaxAttempts - attemptsMade);
        return attemptsLeft > 0 ? new VerifyResult.WrongCode(attemptsLeft) : new VerifyResult.AttemptsExhausted();
    }

    /// <summary>Notes how the code went out: the channel and destination it reached (after a failover) and the provider's id.</summary>
    public Task RecordDeliveryAsync(Guid challengeId, DeliveryChannel channel, string maskedDestination, string? providerMessageId, CancellationToken cancellationToken)
    {
        _newest = null;
        return Challenges.Where(c => c.Id == challengeId).ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Channel, channel).SetProperty(c => c.MaskedDestination, maskedDestination).SetProperty(c => c.ProviderMessageId, providerMessageId),
            cancellationToken);
    }

    /// <summary>The challenge whose message the provider knows by this id, or null.</summary>
    public Task<TfaChallenge?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) =>
        Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.ProviderMessageId == providerMessageId, cancellationToken);

    /// <summary>Records a provider's delivery report against the challenge whose message it was.</summary>
    public Task<int> RecordDeliveryStatusAsync(string providerMessageId, string status, CancellationToken cancellationToken)
    {
        _newest = null;
        return Challenges.Where(c => c.ProviderMessageId == providerMessageId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveryStatus, status), cancellationToken);
    }

    /// <summary>Removes a code that never reached the user, so it neither works nor holds back the next send.</summary>
    public Task DiscardAsync(Guid challengeId, CancellationToken cancellationToken)
    {
        _newest = null;
        return Challenges.Where(c => c.Id == challengeId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<VerifyResult> ExplainRefusalAsync(Guid challengeId, CancellationToken cancellationToken)
    {
        // The attempt could not be taken: another request used the code, replaced it, or took the last attempt.
        var state = await Challenges.Where(c => c.Id == challengeId).Select(c => c.State).FirstAsync(cancellationToken);
        return state is ChallengeState.Used or ChallengeState.Superseded
            ? new VerifyResult.NoActiveCode()
            : new VerifyResult.AttemptsExhausted();
    }

    /// <summary>The waiting code when there is one (codes issued in the same instant cannot be told apart by time), else the newest.</summary>
    private async Task<TfaChallenge?> FindNewestAsync(string userId, string purpose, CancellationToken cancellationToken)
    {
        if (_newest is { } known && known.UserId == userId && known.Purpose == purpose)
        {
            return known.Row;
        }

        var row = await Challenges.AsNoTracking()
            .Where(c => c.UserId == userId && c.Purpose == purpose)
            .OrderByDescending(c => c.State == ChallengeState.Active)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        _newest = (userId, purpose, row);
        return row;
    }
}
