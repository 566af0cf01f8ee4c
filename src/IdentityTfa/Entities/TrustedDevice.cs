namespace IdentityTfa.Entities;

/// <summary>A browser the user chose to trust, so that it skips the code until it expires or is revoked.</summary>
internal class TrustedDevice
{
    /// <summary>Primary key; also carried in the browser's remember-me cookie.</summary>
    public Guid Id { get; set; }

    /// <summary>The Identity user.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>Browser and operating system, read from the user agent, such as "Firefox on Linux".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The address the device was trusted from.</summary>
    public string? IpAddress { get; set; }

    /// <summary>SHA-256 of the user's security stamp when trusted: a password, phone or 2FA change ends the trust.</summary>
    public byte[] StampHash { get; set; } = [];

    /// <summary>When it was trusted.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it last skipped a code.</summary>
    public DateTime LastUsedAt { get; set; }

    /// <summary>When the trust ends by itself.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When the user or an admin revoked it.</summary>
    public DateTime? RevokedAt { get; set; }
}
