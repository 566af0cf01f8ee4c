using IdentityTfa.Codes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace IdentityTfa.Configuration;

/// <summary>
/// Refuses bad settings at start-up with messages that name the configuration key; <see cref="Check"/> gives the same
/// failures with their structure, for the admin page that says them in the admin's language.
/// </summary>
internal sealed class TwoFactorOptionsValidator(IHostEnvironment environment) : IValidateOptions<TwoFactorOptions>
{
    private const string Section = TwoFactorOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TwoFactorOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => f.Message));
    }

    /// <summary>The settings the options break, each with its key, rule and arguments.</summary>
    public IReadOnlyList<OptionsFailure> Check(TwoFactorOptions options)
    {
        var failures = new List<OptionsFailure>();

        if (string.IsNullOrWhiteSpace(options.CompanyName) || options.CompanyName.Length > 60)
        {
            failures.Add(new($"{Section}:CompanyName", OptionsRules.SetAndAtMost, 60));
        }

        if (!string.IsNullOrEmpty(options.CodeHashKey) && !IsStrongKey(options.CodeHashKey))
        {
            failures.Add(new($"{Section}:CodeHashKey", OptionsRules.StrongKey));
        }

        if (string.IsNullOrEmpty(options.CodeHashKey) && environment.IsProduction())
        {
            failures.Add(new($"{Section}:CodeHashKey", OptionsRules.KeyRequiredInProduction));
        }

        if (!PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(options.DefaultPhoneRegion ?? string.Empty))
        {
            failures.Add(new($"{Section}:DefaultPhoneRegion", OptionsRules.Region, options.DefaultPhoneRegion));
        }

        if (options.TrustedDeviceLifetime < TimeSpan.FromHours(1) || options.TrustedDeviceLifetime > TimeSpan.FromDays(365))
        {
            failures.Add(new($"{Section}:TrustedDeviceLifetime", OptionsRules.Between, TimeSpan.FromHours(1), TimeSpan.FromDays(365), options.TrustedDeviceLifetime));
        }

        if (options.EmailChangeUndoLifetime < TimeSpan.FromHours(1) || options.EmailChangeUndoLifetime > TimeSpan.FromDays(30))
        {
            failures.Add(new($"{Section}:EmailChangeUndoLifetime", OptionsRules.Between, TimeSpan.FromHours(1), TimeSpan.FromDays(30), options.EmailChangeUndoLifetime));
        }

        if (options.NoticeCopyToPreviousEmail < TimeSpan.FromHours(1) || options.NoticeCopyToPreviousEmail > TimeSpan.FromDays(30))
        {
            failures.Add(new($"{Section}:NoticeCopyToPreviousEmail", OptionsRules.Between, TimeSpan.FromHours(1), TimeSpan.FromDays(30), options.NoticeCopyToPreviousEmail));
        }

        if (options.Authenticator.TimeStep < TimeSpan.FromSeconds(15) || options.Authenticator.TimeStep > TimeSpan.FromSeconds(120) || options.Authenticator.TimeStep.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add(new($"{Section}:Authenticator:TimeStep", OptionsRules.Between, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(120), options.Authenticator.TimeStep));
        }

        if (options.Authenticator.AllowedSkewSteps is < 0 or > 2)
        {
            failures.Add(new($"{Section}:Authenticator:AllowedSkewSteps", OptionsRules.Between, 0, 2, options.Authenticator.AllowedSkewSteps));
        }

        if (options.ReauthenticationWindow < TimeSpan.FromMinutes(1) || options.ReauthenticationWindow > TimeSpan.FromHours(1))
        {
            failures.Add(new($"{Section}:ReauthenticationWindow", OptionsRules.Between, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), options.ReauthenticationWindow));
        }

        if (!string.IsNullOrEmpty(options.WebOtpHost) && Uri.CheckHostName(options.WebOtpHost) == UriHostNameType.Unknown)
        {
            failures.Add(new($"{Section}:WebOtpHost", OptionsRules.HostName, options.WebOtpHost));
        }

        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            if (environment.IsProduction())
            {
                failures.Add(new($"{Section}:PublicBaseUrl", OptionsRules.RequiredInProduction));
            }
        }
        else if (!PublicLinks.IsValidBase(options.PublicBaseUrl))
        {
            failures.Add(new($"{Section}:PublicBaseUrl", OptionsRules.BaseUrl, options.PublicBaseUrl));
        }

        if (options.AuditRetention < TimeSpan.FromDays(1))
        {
            failures.Add(new($"{Section}:AuditRetention", OptionsRules.AtLeast, TimeSpan.FromDays(1), options.AuditRetention));
        }

        if (options.PurgeInterval < TimeSpan.FromMinutes(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            failures.Add(new($"{Section}:PurgeInterval", OptionsRules.Between, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), options.PurgeInterval));
        }

        if (!Enum.IsDefined(options.NewAccountMethod))
        {
            failures.Add(new($"{Section}:NewAccountMethod", OptionsRules.OneOf, string.Join(", ", Enum.GetNames<NewAccountMethod>())));
        }

        foreach (var (key, value) in new[] { ("SendsPerIp", options.SendsPerIp), ("VerifyRate", options.VerifyRate) })
        {
            if (Limits.RateLimit.Parse(value) is null)
            {
                failures.Add(new($"{Section}:{key}", OptionsRules.RateLimit, "20/1h or 1/3s", value));
            }
        }

        foreach (var (key, value) in options.RequestLimits.All())
        {
            if (Limits.RateLimit.Parse(value) is null)
            {
                failures.Add(new($"{Section}:RequestLimits:{key}", OptionsRules.RateLimit, "50/5m or 5/1h", value));
            }
        }

        if (options.SecondFactorFailureCap is < 10 or > 100)
        {
            failures.Add(new($"{Section}:SecondFactorFailureCap", OptionsRules.Between, 10, 100, options.SecondFactorFailureCap));
        }

        foreach (var (policyName, policy) in options.Policies.All())
        {
            failures.AddRange(ValidatePolicy($"{Section}:Policies:{policyName}", policy));
        }

        return failures;
    }

    private static IEnumerable<OptionsFailure> ValidatePolicy(string key, CodePolicyOptions policy)
    {
        if (policy.Length is < 4 or > 16)
        {
            yield return new($"{key}:Length", OptionsRules.Between, 4, 16, policy.Length);
        }

        if (!Enum.IsDefined(policy.Type))
        {
            yield return new($"{key}:Type", OptionsRules.OneOf, string.Join(", ", Enum.GetNames<CodeType>()));
        }

        if (policy.Lifetime < TimeSpan.FromSeconds(30) || policy.Lifetime > TimeSpan.FromHours(24))
        {
            yield return new($"{key}:Lifetime", OptionsRules.Between, TimeSpan.FromSeconds(30), "24:00:00", policy.Lifetime);
        }

        if (policy.MaxAttempts is < 1 or > 20)
        {
            yield return new($"{key}:MaxAttempts", OptionsRules.Between, 1, 20, policy.MaxAttempts);
        }

        if (policy.ResendCooldown < TimeSpan.Zero || policy.ResendCooldown > TimeSpan.FromHours(1))
        {
            yield return new($"{key}:ResendCooldown", OptionsRules.Between, TimeSpan.Zero, TimeSpan.FromHours(1), policy.ResendCooldown);
        }

        if (policy.MessageTemplate is not null && !policy.MessageTemplate.Contains("{code}", StringComparison.Ordinal))
        {
            yield return new($"{key}:MessageTemplate", OptionsRules.HasCodePlaceholder);
        }

        foreach (var (name, value) in new[] { ("SendsPerDestination", policy.SendsPerDestination), ("SendsPerPolicy", policy.SendsPerPolicy), ("SendsPerCountry", policy.SendsPerCountry) })
        {
            if (Limits.RateLimit.Parse(value) is null)
            {
                yield return new($"{key}:{name}", OptionsRules.RateLimit, "3/1d or 500/1h", value);
            }
        }

        var regions = PhoneNumberUtil.GetInstance().GetSupportedRegions();
        foreach (var country in (policy.AllowedCountries ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!regions.Contains(country.ToUpperInvariant()))
            {
                yield return new($"{key}:AllowedCountries", OptionsRules.RegionInList, country);
            }
        }

        foreach (var (language, template) in policy.MessageTemplates)
        {
            if (string.IsNullOrWhiteSpace(template) || !template.Contains("{code}", StringComparison.Ordinal))
            {
                yield return new($"{key}:MessageTemplates:{language}", OptionsRules.HasCodePlaceholder);
            }
        }

        if (policy.EmailSubject is not null && (string.IsNullOrWhiteSpace(policy.EmailSubject) || policy.EmailSubject.Contains("{code}", StringComparison.Ordinal)))
        {
            yield return new($"{key}:EmailSubject", OptionsRules.SubjectWithoutCode);
        }
    }

    private static bool IsStrongKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
