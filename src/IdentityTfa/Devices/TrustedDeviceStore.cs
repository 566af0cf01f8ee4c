using System.Security.Cryptography;
using System.Text;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Devices;

/// <summary>The server-side record of each trusted browser.</summary>
internal sealed class TrustedDeviceStore(TwoFactorDbContextAccessor db, TimeProvider time)
{
    private DbSet<TrustedDevice> Devices => db.Context.Set<TrustedDevice>();

    public static byte[] HashStamp(string? securityStamp) => SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? string.Empty));

    public async Task<TrustedDevice> CreateAsync(string userId, string name, string? ipAddress, string? securityStamp, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var device = new TrustedDevice
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name.Length > 100 ? name[..100] : name,
            IpAddress = ipAddress,
            StampHash = HashStamp(securityStamp),
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + lifetime,
        };
        Devices.Add(device);
        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(device).State = EntityState.Detached;
        return device;
    }

    /// <summary>Whether the device still skips the code for this user with this security stamp; notes its use when it does.</summary>
    public async Task<bool> IsTrustedAsync(Guid deviceId, string userId, string? currentSecurityStamp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stampHash = HashStamp(currentSecurityStamp);
        var device = await Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
        if (device is null || device.UserId != userId || device.RevokedAt is not null || device.ExpiresAt <= now
            || !CryptographicOperations.FixedTimeEquals(device.StampHash, stampHash))
        {
            return false;
        }

        await Devices.Where(d => d.Id == deviceId).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastUsedAt, now), cancellationToken);
        return true;
    }

    /// <summary>The user's devices that still skip the code.</summary>
    public async Task<IReadOnlyList<TrustedDevice>> ListActiveAsync(string userId, string? currentSecurityStamp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stampHash = HashStamp(currentSecurityStamp);
        var devices = await Devices.AsNoTracking()
            .Where(d => d.UserId == userId && d.RevokedAt == null && d.ExpiresAt > now)
            .OrderByDescending(d => d.LastUsedAt)
            .ToListAsync(cancellationToken);
        return devices.Where(d => d.StampHash.AsSpan().SequenceEqual(stampHash)).ToList();
    }

    public async Task<bool> RevokeAsync(string userId, Guid deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await Devices.Where(d => d.Id == deviceId && d.UserId == userId && d.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, now), cancellationToken) == 1;
    }

    public async Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await Devices.Where(d => d.UserId == userId && d.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, now), cancellationToken);
    }
}
