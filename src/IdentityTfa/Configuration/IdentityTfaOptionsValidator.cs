using IdentityTfa.Codes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace IdentityTfa.Configuration;

/// <summary>Refuses bad settings at start-up with messages that name the configuration key.</summary>
internal sealed class IdentityTfaOptionsValidator(IHostEnvironment environment) : IValidateOptions<IdentityTfaOptions>
{
    private const string Section = IdentityTfaOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IdentityTfaOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.CompanyName) || options.CompanyName.Length > 60)
        {
            failures.Add($"{Section}:CompanyName must be set and at most 60 characters.");
        }

        if (!string.IsNullOrEmpty(options.CodeHashKey) && !IsStrongKey(options.CodeHashKey))
        {
            failures.Add($"{Section}:CodeHashKey must be base64 of at least 32 random bytes (for example: openssl rand -base64 32).");
        }

        if (!PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(options.DefaultPhoneRegion ?? string.Empty))
        {
            failures.Add($"{Section}:DefaultPhoneRegion '{options.DefaultPhoneRegion}' is not a region code such as US or GB.");
        }

        if (options.TrustedDeviceLifetime < TimeSpan.FromHours(1) || options.TrustedDeviceLifetime > TimeSpan.FromDays(365))
        {
            failures.Add($"{Section}:TrustedDeviceLifetime must be between 01:00:00 and 365.00:00:00 (was {options.TrustedDeviceLifetime}).");
        }

        if (!string.IsNullOrEmpty(options.WebOtpHost) && Uri.CheckHostName(options.WebOtpHost) == UriHostNameType.Unknown)
        {
            failures.Add($"{Section}:WebOtpHost must be a host name such as shop.example.com (was '{options.WebOtpHost}').");
        }

        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            if (environment.IsProduction())
            {
                failures.Add($"{Section}:PublicBaseUrl must be set in Production to the absolute http(s) address of the app, such as https://shop.example.com/ (links in mail are built from it).");
            }
        }
        else if (!PublicLinks.IsValidBase(options.PublicBaseUrl))
        {
            failures.Add($"{Section}:PublicBaseUrl must be an absolute http or https address without query or fragment, such as https://shop.example.com/ (was '{options.PublicBaseUrl}').");
        }

        if (options.AuditRetention < TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:AuditRetention must be at least 1.00:00:00 (was {options.AuditRetention}).");
        }

        if (options.PurgeInterval < TimeSpan.FromMinutes(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:PurgeInterval must be between 00:01:00 and 1.00:00:00 (was {options.PurgeInterval}).");
        }

        if (!Enum.IsDefined(options.NewAccountMethod))
        {
            failures.Add($"{Section}:NewAccountMethod must be one of {string.Join(", ", Enum.GetNames<NewAccountMethod>())}.");
        }

        foreach (var (key, value) in new[] { ("SendsPerIp", options.SendsPerIp), ("VerifyRate", options.VerifyRate) })
        {
            if (Limits.RateLimit.Parse(value) is null)
            {
                failures.Add($"{Section}:{key} must be count/period such as 20/1h or 1/3s (was '{value}').");
            }
        }

        foreach (var (policyName, policy) in options.Policies.All())
        {
            failures.AddRange(ValidatePolicy($"{Section}:Policies:{policyName}", policy));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ValidatePolicy(string key, CodePolicyOptions policy)
    {
        if (policy.Length is < 4 or > 16)
        {
            yield return $"{key}:Length must be between 4 and 16 (was {policy.Length}).";
        }

        if (!Enum.IsDefined(policy.Type))
        {
            yield return $"{key}:Type must be one of {string.Join(", ", Enum.GetNames<CodeType>())}.";
        }

        if (policy.Lifetime < TimeSpan.FromSeconds(30) || policy.Lifetime > TimeSpan.FromHours(24))
        {
            yield return $"{key}:Lifetime must be between 00:00:30 and 24:00:00 (was {policy.Lifetime}).";
        }

        if (policy.MaxAttempts is < 1 or > 20)
        {
            yield return $"{key}:MaxAttempts must be between 1 and 20 (was {policy.MaxAttempts}).";
        }

        if (policy.ResendCooldown < TimeSpan.Zero || policy.ResendCooldown > TimeSpan.FromHours(1))
        {
            yield return $"{key}:ResendCooldown must be between 00:00:00 and 01:00:00 (was {policy.ResendCooldown}).";
        }

        if (policy.MessageTemplate is not null && !policy.MessageTemplate.Contains("{code}", StringComparison.Ordinal))
        {
            yield return $"{key}:MessageTemplate must contain the {{code}} placeholder.";
        }

        foreach (var (name, value) in new[] { ("SendsPerDestination", policy.SendsPerDestination), ("SendsPerPolicy", policy.SendsPerPolicy), ("SendsPerCountry", policy.SendsPerCountry) })
        {
            if (Limits.RateLimit.Parse(value) is null)
            {
                yield return $"{key}:{name} must be count/period such as 3/1d or 500/1h (was '{value}').";
            }
        }

        var regions = PhoneNumberUtil.GetInstance().GetSupportedRegions();
        foreach (var country in (policy.AllowedCountries ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!regions.Contains(country.ToUpperInvariant()))
            {
                yield return $"{key}:AllowedCountries has '{country}', which is not a region code such as US or GB.";
            }
        }

        foreach (var (language, template) in policy.MessageTemplates)
        {
            if (string.IsNullOrWhiteSpace(template) || !template.Contains("{code}", StringComparison.Ordinal))
            {
                yield return $"{key}:MessageTemplates:{language} must contain the {{code}} placeholder.";
            }
        }

        if (policy.EmailSubject is not null && (string.IsNullOrWhiteSpace(policy.EmailSubject) || policy.EmailSubject.Contains("{code}", StringComparison.Ordinal)))
        {
            yield return $"{key}:EmailSubject must not be blank and must not contain {{code}}.";
        }
    }

    private static bool IsStrongKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
