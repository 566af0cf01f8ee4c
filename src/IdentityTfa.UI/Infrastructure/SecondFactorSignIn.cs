using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityTfa.UI.Infrastructure;

internal static class SecondFactorSignIn
{
    /// <summary>
    /// Signs the current session in again (same persistence and expiry) as having entered a sign-in code just now:
    /// "amr" mfa, which also opens the admin area.
    /// </summary>
    public static async Task RefreshWithSecondFactorAsync<TUser>(this SignInManager<TUser> signIn, TUser user, HttpContext http, IdentityTfa.Delivery.DeliveryChannel? method = null)
        where TUser : class
    {
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        List<Claim> claims = [new Claim("amr", "mfa")];
        if (method is { } used)
        {
            claims.Add(new Claim(TwoFactorClaimTypes.Method, used.ToString()));
        }

        await signIn.SignInWithClaimsAsync(user, current.Properties, claims);
    }

    /// <summary>
    /// Refreshes the session after the code of a new phone or email: that proves a factor the account now has, so it
    /// dates the second factor now for re-authentication, but it is not a sign-in with a code (the session keeps its
    /// "amr", so the admin area still asks for one).
    /// </summary>
    /// <remarks>
    /// The first code of a new authenticator app is the exception (<paramref name="signedInWithIt"/>): after the
    /// password of this session it is a second factor of the strong kind, so the session counts as signed in with it
    /// ("amr" mfa, method Authenticator) and an admin who must use the app is not asked for a second code of it.
    /// </remarks>
    public static async Task RefreshAfterNewFactorAsync<TUser>(this SignInManager<TUser> signIn, TUser user, HttpContext http, IdentityTfa.Delivery.DeliveryChannel? signedInWithIt = null)
        where TUser : class
    {
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var kept = signedInWithIt is null ? new[] { "amr", TwoFactorClaimTypes.SignInTime, TwoFactorClaimTypes.Method } : [TwoFactorClaimTypes.SignInTime];
        var claims = current.Principal?.Claims.Where(c => kept.Contains(c.Type))
            .Select(c => new Claim(c.Type, c.Value, c.ValueType)).ToList() ?? [];
        if (signedInWithIt is { } method)
        {
            claims.Add(new Claim("amr", "mfa"));
            claims.Add(new Claim(TwoFactorClaimTypes.Method, method.ToString()));
        }

        claims.Add(TwoFactorClaimTypes.At(TwoFactorClaimTypes.SecondFactorTime, now));
        await signIn.SignInWithClaimsAsync(user, current.Properties, claims);
    }
}
