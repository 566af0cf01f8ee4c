namespace IdentityTfa.Shop.Hosting;

/// <summary>How the Data Protection keys (which protect cookies, the partial sign-in and stored secrets) are encrypted at rest, from <c>DataProtection</c>.</summary>
public sealed class KeyProtectionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "DataProtection";

    /// <summary>A PFX file whose certificate encrypts the keys.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>; keep it in a secret store.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The thumbprint of a certificate in the current user's or machine's store that encrypts the keys.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>
    /// The documented opt-out: true when the keys are protected at rest by other means (an encrypted database and its
    /// backups, or a key vault) and stay unencrypted in the table. Default false.
    /// </summary>
    public bool AllowUnprotectedKeys { get; set; }

    /// <summary>Whether a certificate is configured.</summary>
    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);
}
