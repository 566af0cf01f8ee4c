using System.Globalization;
using System.Security.Claims;
using IdentityTfa.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sessions;

/// <summary>
/// The absolute lifetime of a token API session (<see cref="SessionOptions.AbsoluteLifetime"/>, NIST SP 800-63B-4 AAL2,
/// OWASP ASVS 5.0 V7.3.2): the sign-in time rides in the tokens as the <c>auth_time</c> claim (Unix seconds, as in
/// OpenID Connect), copied by every refresh, and a refresh token whose sign-in is older is refused. A claim and not
/// the ticket's properties, because the bearer handler writes each refresh token with properties of its own.
/// </summary>
internal static class BearerSessionLifetime
{
    /// <summary>The claim holding when the session began.</summary>
    public const string ClaimType = "auth_time";

    /// <summary>The claim of a session beginning now.</summary>
    public static Claim BeginsNow(HttpContext http) =>
        new(ClaimType, Now(http).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    /// <summary>Whether the session of <paramref name="principal"/> began too long ago (or has no sign-in time).</summary>
    public static bool IsOver(HttpContext http, ClaimsPrincipal principal)
    {
        if (!long.TryParse(principal.FindFirst(ClaimType)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return true;
        }

        var lifetime = http.RequestServices.GetRequiredService<IOptionsMonitor<SessionOptions>>().CurrentValue.AbsoluteLifetime;
        return Now(http) - DateTimeOffset.FromUnixTimeSeconds(seconds) >= lifetime;
    }

    private static DateTimeOffset Now(HttpContext http) => (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
}
