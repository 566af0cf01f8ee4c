using IdentityTfa.Challenges;
using IdentityTfa.Sending;

namespace IdentityTfa.Registration;

/// <summary>Proves a phone number before the account that will own it exists, for registration with two-factor sign-in on from the start.</summary>
internal interface IRegistrationCodeService
{
    /// <summary>Sends a code to <paramref name="phoneNumber"/> (E.164).</summary>
    Task<SendCodeResult> SendAsync(string phoneNumber, CancellationToken cancellationToken = default);

    /// <summary>Checks the code sent to <paramref name="phoneNumber"/>; a right code is used up.</summary>
    Task<VerifyResult> VerifyAsync(string phoneNumber, string code, CancellationToken cancellationToken = default);
}
