namespace IdentityTfa.Entities;

/// <summary>A secret the library made for itself, stored encrypted with ASP.NET Core Data Protection.</summary>
internal class TwoFactorSecret
{
    /// <summary>What the secret is for.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The secret, protected by Data Protection.</summary>
    public string ProtectedValue { get; set; } = string.Empty;
}
