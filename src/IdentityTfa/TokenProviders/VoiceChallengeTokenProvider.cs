using IdentityTfa.Challenges;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityTfa.TokenProviders;

/// <summary>Codes read out by a voice call to the user's confirmed phone number, landlines included.</summary>
internal sealed class VoiceChallengeTokenProvider<TUser>(
    ChallengeStore store,
    TwoFactorMethodStore methods,
    VerificationOutcome outcome,
    IOptionsMonitor<IdentityTfaOptions> options) : ChallengeTokenProvider<TUser>(store, methods, outcome, options)
    where TUser : class
{
    public override DeliveryChannel Channel => DeliveryChannel.Voice;

    public override async Task<string?> GetConfirmedDestinationAsync(UserManager<TUser> manager, TUser user)
    {
        var phone = await manager.GetPhoneNumberAsync(user);
        return !string.IsNullOrEmpty(phone) && await manager.IsPhoneNumberConfirmedAsync(user) ? phone : null;
    }
}
