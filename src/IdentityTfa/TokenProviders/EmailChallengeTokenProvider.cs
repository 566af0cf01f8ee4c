using IdentityTfa.Challenges;
using IdentityTfa.Audit;
using IdentityTfa.Policy;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.TokenProviders;

/// <summary>Codes by email to the user's confirmed address.</summary>
internal sealed class EmailChallengeTokenProvider<TUser>(
    ChallengeStore store,
    TwoFactorMethodStore methods,
    VerificationOutcome outcome,
    ISitePolicyStore policies,
    IAuditLog audit,
    IdentityTfa.Metrics.IdentityTfaMetrics metrics,
    TimeProvider time,
    IdentityTfa.Limits.RateLimiter limiter) : ChallengeTokenProvider<TUser>(store, methods, outcome, policies, audit, metrics, time, limiter)
    where TUser : class
{
    public override DeliveryChannel Channel => DeliveryChannel.Email;

    public override async Task<string?> GetConfirmedDestinationAsync(UserManager<TUser> manager, TUser user)
    {
        var email = await manager.GetEmailAsync(user);
        return !string.IsNullOrEmpty(email) && await manager.IsEmailConfirmedAsync(user) ? email : null;
    }
}
