namespace IdentityTfa.Devices;

/// <summary>A trusted browser as shown in account settings.</summary>
internal sealed record TrustedDeviceInfo(Guid Id, string Name, string? IpAddress, DateTimeOffset FirstUsed, DateTimeOffset LastUsed, DateTimeOffset Expires, bool IsThisDevice);
