using Microsoft.AspNetCore.DataProtection;

namespace IdentityTfa.Api;

/// <summary>
/// The opaque <c>challengeId</c> of the token API: proof, for five minutes, that this user gave the right password.
/// It is no token: nothing but the code step accepts it.
/// </summary>
internal sealed class ChallengeTickets(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private ITimeLimitedDataProtector Protector => dataProtection.CreateProtector("IdentityTfa.Api.Challenge.v1").ToTimeLimitedDataProtector();

    public string Issue(string userId, string? securityStamp) =>
        Protector.Protect($"{userId}\n{securityStamp}", time.GetUtcNow() + Lifetime);

    /// <summary>The user id and security stamp the ticket was issued for, or null when it is forged, expired or malformed.</summary>
    public (string UserId, string Stamp)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 2048)
        {
            return null;
        }

        try
        {
            var text = Protector.Unprotect(ticket, out var expiration);
            if (expiration <= time.GetUtcNow())
            {
                return null;
            }

            var parts = text.Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
