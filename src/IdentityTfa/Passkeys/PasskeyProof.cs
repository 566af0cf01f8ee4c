using System.Security.Cryptography;

namespace IdentityTfa.Passkeys;

/// <summary>
/// A passkey assertion checked in this request, handed to <see cref="PasskeyTokenProvider{TUser}"/> as a one-time
/// token, so that the sign-in then goes through Identity's own two-factor sign-in (lockout, remembered browser, claims)
/// like any code. Scoped: the proof never outlives the request it was made in.
/// </summary>
internal sealed class PasskeyProof
{
    private (string UserId, string Token)? _proof;

    /// <summary>Records that <paramref name="userId"/> proved a passkey; returns the token that stands for it.</summary>
    public string Issue(string userId)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _proof = (userId, token);
        return token;
    }

    /// <summary>True once, for the token issued for this user in this request.</summary>
    public bool TryConsume(string userId, string token)
    {
        if (_proof is not { } proof || proof.UserId != userId
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(proof.Token), System.Text.Encoding.ASCII.GetBytes(token)))
        {
            return false;
        }

        _proof = null;
        return true;
    }
}
