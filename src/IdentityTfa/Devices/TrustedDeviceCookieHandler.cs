using System.Security.Claims;
using IdentityTfa.Audit;
using IdentityTfa.Configuration;
using IdentityTfa.Logging;
using IdentityTfa.Notices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Devices;

/// <summary>Binds Identity's two-factor remember-me cookie to a server-side device record.</summary>
internal interface ITrustedDeviceCookieHandler
{
    Task OnSigningInAsync(CookieSigningInContext context);

    Task ValidateAsync(CookieValidatePrincipalContext context);
}

/// <inheritdoc />
internal sealed class TrustedDeviceCookieHandler<TUser>(
    UserManager<TUser> users,
    TrustedDeviceStore devices,
    IOptionsMonitor<TwoFactorOptions> options,
    IAuditLog audit,
    SecurityNotices notices,
    IOptions<IdentityOptions> identityOptions,
    ILogger<TrustedDeviceCookieHandler<TUser>> logger) : ITrustedDeviceCookieHandler
    where TUser : class
{
    public const string DeviceIdClaim = "identitytfa:device";

    public async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.Name)?.Value is not { } userId)
        {
            return;
        }

        var stamp = identity.FindFirst(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        var http = context.HttpContext;
        var device = await devices.CreateAsync(
            userId,
            UserAgentDescriber.Describe(http.Request.Headers.UserAgent),
            http.Connection.RemoteIpAddress?.ToString(),
            stamp,
            options.CurrentValue.TrustedDeviceLifetime,
            http.RequestAborted);
        identity.AddClaim(new Claim(DeviceIdClaim, device.Id.ToString()));
        context.Properties.IsPersistent = true;
        context.Properties.ExpiresUtc = new DateTimeOffset(device.ExpiresAt, TimeSpan.Zero);
        TwoFactorLog.DeviceTrusted(logger, device.Id);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.DeviceTrusted, userId) { Detail = device.Name }, http.RequestAborted);
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await notices.DeviceTrustedAsync(users, user, device.Name, http.RequestAborted);
        }
    }

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirst(ClaimTypes.Name)?.Value;
        var trusted = false;
        if (userId is not null && Guid.TryParse(context.Principal?.FindFirst(DeviceIdClaim)?.Value, out var deviceId)
            && await users.FindByIdAsync(userId) is { } user)
        {
            var stamp = users.SupportsUserSecurityStamp ? await users.GetSecurityStampAsync(user) : null;
            trusted = await devices.IsTrustedAsync(deviceId, userId, stamp, context.HttpContext.RequestAborted);
        }

        if (!trusted)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.TwoFactorRememberMeScheme);
        }
    }
}
