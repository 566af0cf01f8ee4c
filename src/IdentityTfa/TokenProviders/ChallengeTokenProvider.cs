using IdentityTfa.Challenges;
using IdentityTfa.Audit;
using IdentityTfa.Policy;
using IdentityTfa.Delivery;
using IdentityTfa.Limits;
using IdentityTfa.Metrics;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.TokenProviders;

/// <summary>
/// An Identity token provider whose codes are stateful challenges: random, stored as a keyed hash, single use,
/// limited in attempts and ended by the next code. Works with the stock <c>SignInManager</c> flow.
/// </summary>
internal abstract class ChallengeTokenProvider<TUser>(
    ChallengeStore store,
    TwoFactorMethodStore methods,
    VerificationOutcome outcome,
    ISitePolicyStore policies,
    IAuditLog audit,
    IdentityTfaMetrics metrics,
    TimeProvider time,
    RateLimiter limiter) : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    public abstract DeliveryChannel Channel { get; }

    /// <summary>The user's own confirmed phone number or email address for this channel, or null.</summary>
    public abstract Task<string?> GetConfirmedDestinationAsync(UserManager<TUser> manager, TUser user);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user)
    {
        var userId = await manager.GetUserIdAsync(user);
        return await methods.IsEnabledAsync(userId, Channel, CancellationToken.None)
            && await GetConfirmedDestinationAsync(manager, user) is not null;
    }

    public async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        var (kind, destination) = TokenPurposes.Parse(purpose);
        destination ??= await GetConfirmedDestinationAsync(manager, user)
            ?? throw new InvalidOperationException($"The user has no confirmed destination for {Channel} codes.");
        var userId = await manager.GetUserIdAsync(user);
        var policy = (await policies.GetAsync()).Options.Policies.For(kind);
        var issued = await store.IssueAsync(userId, purpose, kind, policy, Channel, MaskedDestination.For(Channel, destination), CancellationToken.None);
        return issued.Code;
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        var userId = await manager.GetUserIdAsync(user);
        var started = time.GetTimestamp();
        var verifyRate = RateLimit.Parse((await policies.GetAsync()).Options.VerifyRate);
        VerifyResult result = verifyRate is not null && !await limiter.TryTakeAsync($"verify:{userId}", verifyRate, CancellationToken.None)
            ? new VerifyResult.TooFast()
            : await store.VerifyAsync(userId, purpose, token, CancellationToken.None);
        outcome.Last = result;
        metrics.VerifyTook(time.GetElapsedTime(started));
        metrics.Verified(result switch
        {
            VerifyResult.Verified => "ok",
            VerifyResult.WrongCode => "wrong",
            VerifyResult.Expired => "expired",
            VerifyResult.AttemptsExhausted => "exhausted",
            VerifyResult.TooFast => "too_fast",
            _ => "none",
        });
        var (kind, _) = TokenPurposes.Parse(purpose);
        await audit.WriteAsync(new AuditEntry(
            result switch
            {
                VerifyResult.Verified => AuditEventTypes.CodeVerified,
                VerifyResult.AttemptsExhausted => AuditEventTypes.AttemptsExhausted,
                _ => AuditEventTypes.CodeRejected,
            },
            userId)
        {
            Purpose = kind.ToString(),
            Channel = Channel.ToString(),
            Detail = result switch
            {
                VerifyResult.WrongCode wrong => $"wrong code, {wrong.AttemptsLeft} attempts left",
                VerifyResult.Expired => "expired",
                VerifyResult.NoActiveCode => "no code waiting",
                VerifyResult.TooFast => "too fast",
                _ => null,
            },
        });
        return result is VerifyResult.Verified;
    }
}
