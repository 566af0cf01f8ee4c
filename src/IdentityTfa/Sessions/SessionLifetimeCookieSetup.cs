using System.Globalization;
using IdentityTfa.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sessions;

/// <summary>
/// The application cookie's limits (NIST SP 800-63B-4 AAL2): it ends after <see cref="SessionOptions.IdleTimeout"/>
/// without a request (sliding) and <see cref="SessionOptions.AbsoluteLifetime"/> after the sign-in however active it is.
/// The sign-in time rides in the ticket's properties, which Identity's refreshes and the sliding renewal keep.
/// </summary>
internal sealed class SessionLifetimeCookieSetup(IOptionsMonitor<SessionOptions> sessions) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    /// <summary>The property holding when the session began (round-trip date), set once at sign-in.</summary>
    public const string SignedInAtItem = "IdentityTfa.SignedInAt";

    public void PostConfigure(string? name, CookieAuthenticationOptions cookie)
    {
        if (name != IdentityConstants.ApplicationScheme)
        {
            return;
        }

        cookie.ExpireTimeSpan = sessions.CurrentValue.IdleTimeout;
        cookie.SlidingExpiration = true;

        var signingIn = cookie.Events.OnSigningIn;
        var validate = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnSigningIn = async context =>
        {
            await signingIn(context);
            if (!context.Properties.Items.ContainsKey(SignedInAtItem))
            {
                context.Properties.Items[SignedInAtItem] = Now(context.Options).ToString("O", CultureInfo.InvariantCulture);
            }
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var began = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    ? at
                    : context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
            if (Now(context.Options) - began >= sessions.CurrentValue.AbsoluteLifetime)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await validate(context);
        };
    }

    private static DateTimeOffset Now(CookieAuthenticationOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
}
