using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.UI.Infrastructure;

internal static class SecondFactorSignIn
{
    /// <summary>
    /// Signs the current session in again (same persistence and expiry) as having entered a code just now: after a
    /// step-up, or after the code of a new phone or email, which proves a factor the account now has.
    /// </summary>
    public static async Task RefreshWithSecondFactorAsync<TUser>(this SignInManager<TUser> signIn, TUser user, HttpContext http)
        where TUser : class
    {
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties, [new Claim("amr", "mfa")]);
    }
}
