using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Reauthentication;

/// <summary>
/// Identity's periodic security-stamp check rebuilds the session's principal from the user and so drops how the session
/// was authenticated ("amr") and when (<see cref="TwoFactorClaimTypes"/>). Without them a session would count as password-only
/// and stale at every check; this carries them over to the rebuilt principal, after any callback the app set.
/// </summary>
internal sealed class KeepAuthenticationTimes : IPostConfigureOptions<SecurityStampValidatorOptions>
{
    private static readonly string[] KeptTypes = ["amr", TwoFactorClaimTypes.SecondFactorTime, TwoFactorClaimTypes.SignInTime, TwoFactorClaimTypes.Method];

    public void PostConfigure(string? name, SecurityStampValidatorOptions options)
    {
        var appCallback = options.OnRefreshingPrincipal;
        options.OnRefreshingPrincipal = async context =>
        {
            if (appCallback is not null)
            {
                await appCallback(context);
            }

            if (context.CurrentPrincipal?.Identity is not { } current || context.NewPrincipal?.Identity is not System.Security.Claims.ClaimsIdentity rebuilt)
            {
                return;
            }

            foreach (var claim in context.CurrentPrincipal.Claims.Where(c => KeptTypes.Contains(c.Type)))
            {
                if (!rebuilt.HasClaim(c => c.Type == claim.Type))
                {
                    rebuilt.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value, claim.ValueType));
                }
            }
        };
    }
}
