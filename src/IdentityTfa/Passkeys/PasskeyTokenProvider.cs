using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Passkeys;

/// <summary>
/// Passkeys as an Identity two-factor provider: it makes two-factor sign-in apply to a user whose only method is a
/// passkey, and it accepts only the proof of an assertion checked in the same request (<see cref="PasskeyProof"/>):
/// there is no code to send or type.
/// </summary>
internal sealed class PasskeyTokenProvider<TUser>(TwoFactorMethodStore methods, PasskeyProof proof) : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user) =>
        await methods.IsEnabledAsync(await manager.GetUserIdAsync(user), DeliveryChannel.Passkey, CancellationToken.None)
        && await ConfirmedDestinations.GetAsync(manager, user, DeliveryChannel.Passkey) is not null;

    public Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user) =>
        throw new NotSupportedException("A passkey is asked for by the browser; there is no code to send.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user) =>
        purpose == IdentityTfa.TokenProviders.TokenPurposes.TwoFactor && proof.TryConsume(await manager.GetUserIdAsync(user), token);
}
