using IdentityTfa.Configuration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Devices;

/// <summary>Makes "Trust this device" a server-side record: Identity's remember-me cookie then carries the record's id and lives as long as it.</summary>
internal sealed class TrustedDeviceCookieSetup(IOptionsMonitor<TwoFactorOptions> options) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions cookie)
    {
        if (name != IdentityConstants.TwoFactorRememberMeScheme)
        {
            return;
        }

        cookie.ExpireTimeSpan = options.CurrentValue.TrustedDeviceLifetime;
        cookie.SlidingExpiration = false;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;

        var identitySigningIn = cookie.Events.OnSigningIn;
        var identityValidate = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnSigningIn = async context =>
        {
            await identitySigningIn(context);
            await context.HttpContext.RequestServices.GetRequiredService<ITrustedDeviceCookieHandler>().OnSigningInAsync(context);
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            await identityValidate(context);
            if (context.Principal is not null)
            {
                await context.HttpContext.RequestServices.GetRequiredService<ITrustedDeviceCookieHandler>().ValidateAsync(context);
            }
        };
    }
}
