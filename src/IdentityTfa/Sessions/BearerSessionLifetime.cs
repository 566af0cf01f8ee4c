using System.Security.Claims;
using IdentityTfa.Configuration;
using IdentityTfa.Reauthentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sessions;

/// <summary>
/// The absolute lifetime of a token API session (<see cref="SessionOptions.AbsoluteLifetime"/>, NIST SP 800-63B-4 AAL2,
/// OWASP ASVS 5.0 V7.3.2): it counts from the sign-in time the sign-in manager stamps on every sign-in
/// (<see cref="TwoFactorClaimTypes.SignInTime"/>), which every refresh copies, and a refresh token whose sign-in is older is refused.
/// A claim and not the ticket's properties, because the bearer handler writes each refresh token with properties of its own.
/// </summary>
internal static class BearerSessionLifetime
{
    /// <summary>Whether the session of <paramref name="principal"/> began too long ago (or has no sign-in time).</summary>
    public static bool IsOver(HttpContext http, ClaimsPrincipal principal)
    {
        if (TwoFactorClaimTypes.Read(principal, TwoFactorClaimTypes.SignInTime) is not { } signedInAt)
        {
            return true;
        }

        var lifetime = http.RequestServices.GetRequiredService<IOptionsMonitor<SessionOptions>>().CurrentValue.AbsoluteLifetime;
        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        return now - signedInAt >= lifetime;
    }
}
