using IdentityTfa.Challenges;
using IdentityTfa.Audit;
using IdentityTfa.Policy;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.TokenProviders;

/// <summary>Codes by text message to the user's confirmed phone number.</summary>
internal sealed class SmsChallengeTokenProvider<TUser>(
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
    public override DeliveryChannel Channel => DeliveryChannel.Sms;

    public override async Task<string?> GetConfirmedDestinationAsync(UserManager<TUser> manager, TUser user)
    {
        var phone = await manager.GetPhoneNumberAsync(user);
        return !string.IsNullOrEmpty(phone) && await manager.IsPhoneNumberConfirmedAsync(user) ? phone : null;
    }
}
