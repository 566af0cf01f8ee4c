using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Shop.Hosting;

/// <summary>
/// Encrypts the Data Protection keys in the database with a configured certificate; in Production the shop refuses to
/// start without one (or the explicit opt-out), as the library refuses to start without <c>IdentityTfa:CodeHashKey</c>.
/// </summary>
public static class KeyProtection
{
    public static WebApplicationBuilder AddShopKeyProtection(this WebApplicationBuilder builder)
    {
        var keys = builder.Configuration.GetSection(KeyProtectionOptions.SectionName).Get<KeyProtectionOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(keys.CertificatePath))
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(keys.CertificatePath, keys.CertificatePassword));
        }
        else if (!string.IsNullOrWhiteSpace(keys.CertificateThumbprint))
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(keys.CertificateThumbprint);
        }

        builder.Services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeyProtectionOptions>, KeyProtectionValidator>();
        return builder;
    }

    private sealed class KeyProtectionValidator(IHostEnvironment environment) : IValidateOptions<KeyProtectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options) =>
            !environment.IsProduction() || options.HasCertificate || options.AllowUnprotectedKeys
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{KeyProtectionOptions.SectionName}:CertificatePath (with {KeyProtectionOptions.SectionName}:CertificatePassword) or "
                    + $"{KeyProtectionOptions.SectionName}:CertificateThumbprint must be set in Production, so that the Data Protection keys are encrypted at rest; "
                    + $"{KeyProtectionOptions.SectionName}:AllowUnprotectedKeys=true opts out when the database and its backups are encrypted by other means.");
    }
}
