namespace IdentityTfa.Entities;

/// <summary>One recovery code, stored only as its keyed hash.</summary>
internal class RecoveryCode
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }

    /// <summary>The Identity user.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>HMAC-SHA256 of the code, bound to the user.</summary>
    public byte[] CodeHash { get; set; } = [];

    /// <summary>When the set it belongs to was made.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it was used; a used code never works again.</summary>
    public DateTime? UsedAt { get; set; }
}
