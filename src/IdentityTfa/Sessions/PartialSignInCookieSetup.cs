using System.Security.Claims;
using IdentityTfa.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sessions;

/// <summary>
/// Identity's partial sign-in (the <c>TwoFactorUserId</c> cookie between password and code): an absolute lifetime that
/// no request extends, and bound to the security stamp, so a password change (which changes the stamp) ends it.
/// </summary>
internal sealed class PartialSignInCookieSetup<TUser>(IOptionsMonitor<SessionOptions> sessions, IOptions<IdentityOptions> identity)
    : IPostConfigureOptions<CookieAuthenticationOptions>
    where TUser : class
{
    public void PostConfigure(string? name, CookieAuthenticationOptions cookie)
    {
        if (name != IdentityConstants.TwoFactorUserIdScheme)
        {
            return;
        }

        cookie.ExpireTimeSpan = sessions.CurrentValue.PartialSignInLifetime;
        cookie.SlidingExpiration = false;
        var stampClaim = identity.Value.ClaimsIdentity.SecurityStampClaimType;

        var signingIn = cookie.Events.OnSigningIn;
        var validate = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnSigningIn = async context =>
        {
            await signingIn(context);
            if (context.Principal?.Identity is ClaimsIdentity partial && await FindUserAsync(context.HttpContext.RequestServices, partial.Name) is { } found)
            {
                partial.AddClaim(new Claim(stampClaim, await found.Users.GetSecurityStampAsync(found.User) ?? string.Empty));
            }
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            var stamp = context.Principal?.FindFirst(stampClaim)?.Value;
            var found = await FindUserAsync(context.HttpContext.RequestServices, context.Principal?.Identity?.Name);
            if (stamp is null || found is not { } account || await account.Users.GetSecurityStampAsync(account.User) != stamp)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            }
        };
    }

    private static async Task<(UserManager<TUser> Users, TUser User)?> FindUserAsync(IServiceProvider services, string? userId)
    {
        var users = services.GetRequiredService<UserManager<TUser>>();
        if (string.IsNullOrEmpty(userId) || !users.SupportsUserSecurityStamp || await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }

        return (users, user);
    }
}
