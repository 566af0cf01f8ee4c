using IdentityTfa.Codes;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.Twilio;
using IdentityTfa.Entities;
using IdentityTfa.Limits;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Challenges;

/// <summary>
/// Issues and checks stateful codes. Every change of a challenge's state is a single guarded UPDATE, so parallel
/// requests (on one instance or several) can neither try more codes than allowed nor use one code twice.
/// </summary>
internal sealed class ChallengeStore(TwoFactorDbContextAccessor db, CodeGenerator generator, CodeHasher hasher, WriteUnit writes, TimeProvider time)
{
    // The newest challenge last read for a user and purpose, kept for the rest of the request: the verify screen asks
    // which code is waiting, then checks the code against the same row. Every write by this store forgets it, and a
    // row grown stale in between is harmless, because every change is guarded by the row's state in the database.
    private (string UserId, string Purpose, TwoFactorChallenge? Row)? _newest;

    private DbSet<TwoFactorChallenge> Challenges => db.Context.Set<TwoFactorChallenge>();

    /// <summary>The channel of the code the last <see cref="VerifyAsync"/> checked the input against; null when none.</summary>
    public DeliveryChannel? LastCheckedChannel { get; private set; }

    /// <summary>
    /// True when the last <see cref="IssueAsync"/> stored nothing, because a parallel send's code was already waiting
    /// (the database allows one waiting code per user and purpose); its code reaches no one and must not be sent.
    /// </summary>
    public bool LastIssueHeldBack { get; private set; }

    /// <summary>
    /// Issues a code that ends every earlier one of the same user and purpose: the end and the new row are written in one
    /// transaction (joining the caller's, as the send's), so that a new code that cannot be stored leaves the earlier one
    /// working.
    /// </summary>
    public async Task<IssuedCode> IssueAsync(
        string userId,
        string tokenPurpose,
        ChallengePurpose purpose,
        CodePolicyOptions policy,
        DeliveryChannel channel,
        string maskedDestination,
        CancellationToken cancellationToken)
    {
        _newest = null;
        var code = generator.Generate(policy);
        var challenge = new TwoFactorChallenge
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserId = userId,
            TokenPurpose = tokenPurpose,
            Purpose = purpose,
            Channel = channel,
            MaskedDestination = maskedDestination,
            Salt = CodeHasher.NewSalt(),
            MaxAttempts = policy.MaxAttempts,
            State = ChallengeState.Active,
        };

        // Hashed before the turn to write: the code-hash key is made on first use on a connection of its own, which would
        // wait for this one's commit.
        challenge.CodeHash = await hasher.HashAsync(challenge.Salt, userId, tokenPurpose, code, cancellationToken);
        LastIssueHeldBack = await writes.RunAsync(
            async () =>
            {
                // The times once this request's turn to write has come, so that codes are created in the order they are stored.
                var now = time.GetUtcNow().UtcDateTime;
                challenge.CreatedAt = now;
                challenge.ExpiresAt = now + policy.Lifetime;

                // A new code ends every earlier one of the same user and purpose ("Send new code").
                await ChallengeStatements.SupersedeAsync(db.Context, userId, tokenPurpose, now, cancellationToken);

                // The verify-rate window goes on with the new code: asking for another code must not buy more attempts.
                var carried = await ChallengeQueries.CarriedWindowAsync(db.Context, userId, tokenPurpose, cancellationToken);
                challenge.VerifyWindow = carried?.Window ?? 0;
                challenge.VerifyWindowAttempts = carried?.Attempts ?? 0;
                return await ChallengeStatements.InsertAsync(db.Context, challenge, cancellationToken) == 0;
            },
            cancellationToken);
        if (!LastIssueHeldBack)
        {
            // Now the waiting code of this user and purpose: a read of it in this request needs no query.
            _newest = (userId, tokenPurpose, challenge);
        }

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
            TwilioDeliveryStatus.IsFailure(challenge.DeliveryStatus));
    }

    /// <summary>The channel of the code waiting for this user and purpose; null when none.</summary>
    public async Task<DeliveryChannel?> FindWaitingChannelAsync(string userId, string purpose, CancellationToken cancellationToken) =>
        (await FindActiveAsync(userId, purpose, cancellationToken))?.Channel;

    /// <summary>
    /// Reads what <see cref="VerifyAsync"/> will check the code against (kept for the request), for a caller that wants
    /// the read done before it takes its turn to write.
    /// </summary>
    public Task ReadAheadAsync(string userId, string purpose, CancellationToken cancellationToken) =>
        FindNewestAsync(userId, purpose, cancellationToken);

    /// <summary>When the newest code of this user and purpose was sent, whatever became of it.</summary>
    public async Task<DateTimeOffset?> LastSentAtAsync(string userId, string purpose, CancellationToken cancellationToken)
    {
        var newest = await ChallengeQueries.LastCreatedAtAsync(db.Context, userId, purpose, cancellationToken);
        return newest is null ? null : new DateTimeOffset(DateTime.SpecifyKind(newest.Value, DateTimeKind.Utc), TimeSpan.Zero);
    }

    /// <summary>The newest code of this user and purpose that was used (its channel and when); null when none.</summary>
    public async Task<UsedCode?> LastUsedAsync(string userId, string purpose, CancellationToken cancellationToken)
    {
        var newest = await Challenges.AsNoTracking()
            .Where(c => c.UserId == userId && c.TokenPurpose == purpose && c.State == ChallengeState.Used && c.EndedAt != null)
            .OrderByDescending(c => c.EndedAt)
            .Select(c => new { c.Channel, c.EndedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return newest is null ? null : new UsedCode(newest.Channel, new DateTimeOffset(DateTime.SpecifyKind(newest.EndedAt!.Value, DateTimeKind.Utc), TimeSpan.Zero));
    }

    /// <summary>
    /// Checks a code against the newest one of this user and purpose. With a <paramref name="verifyRate"/>, codes
    /// entered faster than it (against this code and the ones it replaced) are refused uncounted, right or wrong.
    /// A <paramref name="matcher"/> decides whether the code is right instead of the stored hash (the authenticator
    /// app's codes); it is asked only for a waiting code, before the attempt is counted.
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(string userId, string purpose, string? input, RateLimit? verifyRate, CancellationToken cancellationToken, Func<string, Task<bool>>? matcher = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var code = CodeAlphabet.NormalizeInput(input);
        LastCheckedChannel = null;
        for (var read = 1; ; read++)
        {
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

            LastCheckedChannel = challenge.Channel;
            var result = await CheckAsync(userId, purpose, challenge.Id, challenge.CodeHash, challenge.Salt, challenge.MaxAttempts, code, now, verifyRate, matcher, cancellationToken)
                ?? await ExplainRefusalAsync(challenge.Id, cancellationToken);

            // The row was read before the turn to write (ReadAheadAsync); a "Send new code" in between ended it, and the
            // code typed may be the new one: read the newest once more and check against it (CheckAsync forgot the row).
            if (read == 1 && result is VerifyResult.NoActiveCode)
            {
                continue;
            }

            return result;
        }
    }

    /// <summary>
    /// Compares first (in constant time, on the hash already known), then records the attempt and its outcome in one
    /// guarded UPDATE that also takes a slot of the verify-rate window: only an attempt that this UPDATE counts can
    /// succeed, so whatever runs in parallel, on one instance or several, no more codes are accepted for checking than
    /// allowed, a code is used once, and a right code entered too fast is refused like a wrong one. Null when the
    /// UPDATE counted nothing.
    /// </summary>
    private async Task<VerifyResult?> CheckAsync(
        string userId, string purpose, Guid challengeId, byte[] codeHash, byte[] salt, int maxAttempts, string code, DateTime now, RateLimit? verifyRate, Func<string, Task<bool>>? matcher, CancellationToken cancellationToken)
    {
        var matches = matcher is null ? await hasher.MatchesAsync(codeHash, salt, userId, purpose, code, cancellationToken) : await matcher(code);
        _newest = null;
        var counted = await ChallengeStatements.CountAttemptAsync(db.Context, challengeId, matches, now, verifyRate, cancellationToken);
        if (counted == 0)
        {
            return null;
        }

        if (matches)
        {
            return new VerifyResult.Verified();
        }

        var attemptsMade = await Challenges.Where(c => c.Id == challengeId).Select(c => c.Attempts).FirstAsync(cancellationToken);
        var attemptsLeft = Math.Max(0, maxAttempts - attemptsMade);
        if (attemptsLeft == 0)
        {
            return new VerifyResult.AttemptsExhausted();
        }

        return new VerifyResult.WrongCode(attemptsLeft);
    }

    /// <summary>Notes how the code went out: the channel and destination it reached (after a failover) and the provider's id.</summary>
    public Task RecordDeliveryAsync(Guid challengeId, DeliveryChannel channel, string maskedDestination, string? providerMessageId, CancellationToken cancellationToken)
    {
        _newest = null;
        return ChallengeStatements.RecordDeliveryAsync(db.Context, challengeId, channel, maskedDestination, providerMessageId, cancellationToken);
    }

    /// <summary>The challenge whose message the provider knows by this id, or null.</summary>
    public Task<TwoFactorChallenge?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) =>
        Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.ProviderMessageId == providerMessageId, cancellationToken);

    /// <summary>Records a provider's delivery report against the challenge whose message it was.</summary>
    public Task<int> RecordDeliveryStatusAsync(string providerMessageId, string status, CancellationToken cancellationToken)
    {
        _newest = null;
        return Challenges.Where(c => c.ProviderMessageId == providerMessageId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveryStatus, status), cancellationToken);
    }

    /// <summary>Forgets the row this store read or issued, whose transaction was rolled back, as if it had never been issued.</summary>
    public void ForgetUnsaved() => _newest = null;

    /// <summary>Removes a code that never reached the user, so it neither works nor holds back the next send.</summary>
    public Task DiscardAsync(Guid challengeId, CancellationToken cancellationToken)
    {
        _newest = null;
        return Challenges.Where(c => c.Id == challengeId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<VerifyResult> ExplainRefusalAsync(Guid challengeId, CancellationToken cancellationToken)
    {
        // The attempt was not counted: another request used the code, replaced it or took the last attempt, or the
        // verify-rate window is full.
        var row = await Challenges.Where(c => c.Id == challengeId).Select(c => new { c.State, c.Attempts, c.MaxAttempts }).FirstAsync(cancellationToken);
        return row switch
        {
            { State: ChallengeState.Used or ChallengeState.Superseded } => new VerifyResult.NoActiveCode(),
            { State: ChallengeState.Exhausted } => new VerifyResult.AttemptsExhausted(),
            _ when row.Attempts >= row.MaxAttempts => new VerifyResult.AttemptsExhausted(),
            _ => new VerifyResult.TooFast(),
        };
    }

    /// <summary>The waiting code when there is one (codes issued in the same instant cannot be told apart by time), else the newest.</summary>
    private async Task<TwoFactorChallenge?> FindNewestAsync(string userId, string purpose, CancellationToken cancellationToken)
    {
        if (_newest is { } known && known.UserId == userId && known.Purpose == purpose)
        {
            return known.Row;
        }

        var row = await ChallengeQueries.NewestAsync(db.Context, userId, purpose, cancellationToken);
        _newest = (userId, purpose, row);
        return row;
    }
}
