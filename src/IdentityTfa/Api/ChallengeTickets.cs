using IdentityTfa.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Api;

/// <summary>
/// The opaque <c>challengeId</c> of the token API: proof, for <see cref="SessionOptions.PartialSignInLifetime"/> (default
/// five minutes) from the password, that this user gave the right password. It is no token: nothing but the code step
/// and the resend accept it, and a resend's new ticket keeps the first one's expiry, so the lifetime never slides.
/// </summary>
internal sealed class ChallengeTickets(IDataProtectionProvider dataProtection, TimeProvider time, IOptionsMonitor<SessionOptions> sessions)
{
    private ITimeLimitedDataProtector Protector => dataProtection.CreateProtector("IdentityTfa.Api.Challenge.v1").ToTimeLimitedDataProtector();

    /// <summary>A ticket for the user at this stamp, ending at <paramref name="expires"/> (a resend's) or a full lifetime from now.</summary>
    public string Issue(string userId, string? securityStamp, DateTimeOffset? expires = null) =>
        Protector.Protect($"{userId}\n{securityStamp}", expires ?? time.GetUtcNow() + sessions.CurrentValue.PartialSignInLifetime);

    /// <summary>The user id, security stamp and expiry of the ticket, or null when it is forged, expired or malformed.</summary>
    public (string UserId, string Stamp, DateTimeOffset Expires)? Read(string? ticket)
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
            return parts.Length == 2 ? (parts[0], parts[1], expiration) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
