using IdentityTfa.Audit;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Devices;

/// <inheritdoc />
internal sealed class TrustedDeviceManager<TUser>(
    UserManager<TUser> users,
    TrustedDeviceStore devices,
    IHttpContextAccessor http,
    IAuditLog audit,
    ILogger<TrustedDeviceManager<TUser>> logger) : ITrustedDeviceManager<TUser>
    where TUser : class
{
    public async Task<IReadOnlyList<TrustedDeviceInfo>> ListAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var stamp = users.SupportsUserSecurityStamp ? await users.GetSecurityStampAsync(user) : null;
        var active = await devices.ListActiveAsync(await users.GetUserIdAsync(user), stamp, cancellationToken);
        var thisDevice = await ThisDeviceIdAsync();
        return active.Select(d => new TrustedDeviceInfo(
            d.Id,
            d.Name,
            d.IpAddress,
            new DateTimeOffset(d.CreatedAt, TimeSpan.Zero),
            new DateTimeOffset(d.LastUsedAt, TimeSpan.Zero),
            new DateTimeOffset(d.ExpiresAt, TimeSpan.Zero),
            d.Id == thisDevice)).ToList();
    }

    public async Task<bool> RevokeAsync(TUser user, Guid deviceId, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(user);
        var revoked = await devices.RevokeAsync(userId, deviceId, cancellationToken);
        if (revoked)
        {
            TwoFactorLog.DeviceRevoked(logger, deviceId);
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.DeviceRevoked, userId) { Detail = deviceId.ToString() }, cancellationToken);
        }

        return revoked;
    }

    public async Task<int> RevokeAllAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(user);
        var count = await devices.RevokeAllAsync(userId, cancellationToken);
        TwoFactorLog.AllDevicesRevoked(logger, count);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.DeviceRevoked, userId) { Detail = $"all ({count})" }, cancellationToken);
        return count;
    }

    private async Task<Guid?> ThisDeviceIdAsync()
    {
        if (http.HttpContext is not { } context)
        {
            return null;
        }

        var result = await context.AuthenticateAsync(IdentityConstants.TwoFactorRememberMeScheme);
        return Guid.TryParse(result.Principal?.FindFirst(TrustedDeviceCookieHandler<TUser>.DeviceIdClaim)?.Value, out var id) ? id : null;
    }
}
