using IdentityTfa.Challenges;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityTfa.TokenProviders;

/// <summary>Codes by email to the user's confirmed address.</summary>
internal sealed class EmailChallengeTokenProvider<TUser>(
    ChallengeStore store,
    TwoFactorMethodStore methods,
    VerificationOutcome outcome,
    IOptionsMonitor<IdentityTfaOptions> options) : ChallengeTokenProvider<TUser>(store, methods, outcome, options)
    where TUser : class
{
    public override DeliveryChannel Channel => DeliveryChannel.Email;

    public override async Task<string?> GetConfirmedDestinationAsync(UserManager<TUser> manager, TUser user)
    {
        var email = await manager.GetEmailAsync(user);
        return !string.IsNullOrEmpty(email) && await manager.IsEmailConfirmedAsync(user) ? email : null;
    }
}
