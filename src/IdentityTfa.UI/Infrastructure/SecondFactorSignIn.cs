using System.Security.Claims;
using IdentityTfa.Reauthentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityTfa.UI.Infrastructure;

internal static class SecondFactorSignIn
{
    /// <summary>
    /// Signs the current session in again (same persistence and expiry) as having entered a sign-in code just now:
    /// "amr" mfa, which also opens the admin area.
    /// </summary>
    public static async Task RefreshWithSecondFactorAsync<TUser>(this SignInManager<TUser> signIn, TUser user, HttpContext http)
        where TUser : class
    {
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties, [new Claim("amr", "mfa")]);
    }

    /// <summary>
    /// Refreshes the session after the code of a new phone or email: that proves a factor the account now has, so it
    /// dates the second factor now for re-authentication, but it is not a sign-in with a code (the session keeps its
    /// "amr", so the admin area still asks for one).
    /// </summary>
    public static async Task RefreshAfterNewFactorAsync<TUser>(this SignInManager<TUser> signIn, TUser user, HttpContext http)
        where TUser : class
    {
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var claims = current.Principal?.Claims.Where(c => c.Type is "amr" or TfaClaimTypes.SignInTime)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType)).ToList() ?? [];
        claims.Add(TfaClaimTypes.At(TfaClaimTypes.SecondFactorTime, now));
        await signIn.SignInWithClaimsAsync(user, current.Properties, claims);
    }
}
