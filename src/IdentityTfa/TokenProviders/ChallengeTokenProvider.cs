using IdentityTfa.Audit;
using IdentityTfa.Authenticator;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Limits;
using IdentityTfa.Methods;
using IdentityTfa.Metrics;
using IdentityTfa.Policy;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.TokenProviders;

/// <summary>What every challenge token provider works with, given as one, so that each channel's provider is one line.</summary>
internal sealed record ChallengeTokenProviderServices(
    ChallengeStore Store,
    TwoFactorMethodStore Methods,
    VerificationOutcome Outcome,
    ISitePolicyStore Policies,
    IAuditLog Audit,
    TwoFactorMetrics Metrics,
    TimeProvider Time,
    VerifyRateSetting VerifyRate,
    AuthenticatorSteps Steps,
    Microsoft.Extensions.Options.IOptions<IdentityTfa.Configuration.TwoFactorOptions> Options);

/// <summary>
/// An Identity token provider whose codes are stateful challenges: random, stored as a keyed hash, single use,
/// limited in attempts and rate, and ended by the next code. Works with the stock <c>SignInManager</c> flow.
/// </summary>
internal abstract class ChallengeTokenProvider<TUser>(ChallengeTokenProviderServices services, DeliveryChannel channel) : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    public DeliveryChannel Channel => channel;

    /// <summary>What the provider works with.</summary>
    protected ChallengeTokenProviderServices Services => services;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user) =>
        await services.Methods.IsEnabledAsync(await manager.GetUserIdAsync(user), Channel, CancellationToken.None)
        && await ConfirmedDestinations.GetAsync(manager, user, Channel) is not null;

    public async Task<string> GenerateAsync(string tokenPurpose, UserManager<TUser> manager, TUser user)
    {
        var (purpose, destination) = TokenPurposes.Parse(tokenPurpose);
        destination ??= await ConfirmedDestinations.GetAsync(manager, user, Channel)
            ?? throw new InvalidOperationException($"The user has no confirmed destination for {Channel} codes.");
        var policy = (await services.Policies.GetAsync()).Options.Policies.For(purpose);
        var issued = await services.Store.IssueAsync(await manager.GetUserIdAsync(user), tokenPurpose, purpose, policy, Channel, MaskedDestination.For(Channel, destination), CancellationToken.None);
        return issued.Code;
    }

    public async Task<bool> ValidateAsync(string tokenPurpose, string token, UserManager<TUser> manager, TUser user)
    {
        var userId = await manager.GetUserIdAsync(user);
        var started = services.Time.GetTimestamp();
        // The verify rate is configuration only (the site policy row does not hold it), so no policy read is needed here;
        // its window is kept on the challenge row, and taken by the same UPDATE that counts the attempt.
        var verifyRate = services.VerifyRate.Current;
        var result = await services.Store.VerifyAsync(userId, tokenPurpose, token, verifyRate, CancellationToken.None, await MatcherAsync(manager, user, userId));
        services.Outcome.Last = result;
        services.Metrics.VerifyTook(services.Time.GetElapsedTime(started));
        services.Metrics.Verified(result switch
        {
            VerifyResult.Verified => "ok",
            VerifyResult.WrongCode => "wrong",
            VerifyResult.Expired => "expired",
            VerifyResult.AttemptsExhausted => "exhausted",
            VerifyResult.TooFast => "too_fast",
            _ => "none",
        });

        var (purpose, _) = TokenPurposes.Parse(tokenPurpose);
        await services.Audit.WriteAsync(new AuditEntry(
            result switch
            {
                VerifyResult.Verified => AuditEventTypes.CodeVerified,
                VerifyResult.AttemptsExhausted => AuditEventTypes.AttemptsExhausted,
                _ => AuditEventTypes.CodeRejected,
            },
            userId)
        {
            Purpose = purpose.ToString(),
            Channel = (services.Store.LastCheckedChannel ?? Channel).ToString(),
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

    /// <summary>What decides whether a code is right, when not the stored hash of the code sent; null for the hash.</summary>
    protected virtual Task<Func<string, Task<bool>>?> MatcherAsync(UserManager<TUser> manager, TUser user, string userId) =>
        Task.FromResult<Func<string, Task<bool>>?>(null);
}

/// <summary>Codes by text message to the user's confirmed phone number.</summary>
internal sealed class SmsChallengeTokenProvider<TUser>(ChallengeTokenProviderServices services) : ChallengeTokenProvider<TUser>(services, DeliveryChannel.Sms)
    where TUser : class;

/// <summary>Codes read out by a voice call to the user's confirmed phone number, landlines included.</summary>
internal sealed class VoiceChallengeTokenProvider<TUser>(ChallengeTokenProviderServices services) : ChallengeTokenProvider<TUser>(services, DeliveryChannel.Voice)
    where TUser : class;

/// <summary>Codes by email to the user's confirmed address.</summary>
internal sealed class EmailChallengeTokenProvider<TUser>(ChallengeTokenProviderServices services) : ChallengeTokenProvider<TUser>(services, DeliveryChannel.Email)
    where TUser : class;

/// <summary>
/// Codes from the user's authenticator app (TOTP). A sign-in with it opens a challenge like any channel (nothing is
/// sent), so wrong codes count toward the same attempt limit, verify rate and lockout; a right code is accepted only when
/// its time step is later than the last one accepted, moved forward by one guarded UPDATE, so each code works once.
/// </summary>
internal sealed class AuthenticatorChallengeTokenProvider<TUser>(ChallengeTokenProviderServices services) : ChallengeTokenProvider<TUser>(services, DeliveryChannel.Authenticator)
    where TUser : class
{
    protected override async Task<Func<string, Task<bool>>?> MatcherAsync(UserManager<TUser> manager, TUser user, string userId)
    {
        var key = manager.SupportsUserAuthenticatorKey ? await manager.GetAuthenticatorKeyAsync(user) : null;
        bool? decided = null;
        return async code =>
        {
            // Asked again in the same request (the row read ahead was ended by a new code), the answer stays: the step is already taken.
            if (decided is null)
            {
                var step = AuthenticatorCodes.Match(key, code, Services.Time.GetUtcNow(), 0, Services.Options.Value.Authenticator);
                decided = step is not null && await Services.Steps.TryUseAsync(userId, step.Value, CancellationToken.None);
            }

            return decided.Value;
        };
    }
}
