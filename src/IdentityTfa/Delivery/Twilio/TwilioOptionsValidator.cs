using System.Text.RegularExpressions;
using IdentityTfa.Delivery.Twilio.Lookup;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>Refuses incomplete Twilio settings at start-up, naming the key; never echoes a secret.</summary>
internal sealed partial class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    private const string Section = TwilioOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var failures = TwilioLookupOptionsValidator.Validate(options.Lookup, options.IsConfigured).ToList();
        if (!options.IsConfigured)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!AccountSidPattern().IsMatch(options.AccountSid!))
        {
            failures.Add($"{Section}:AccountSid must be 'AC' followed by 32 hexadecimal digits.");
        }

        var hasApiKey = !string.IsNullOrEmpty(options.ApiKeySid);
        if (hasApiKey && (!ApiKeySidPattern().IsMatch(options.ApiKeySid!) || string.IsNullOrEmpty(options.ApiKeySecret)))
        {
            failures.Add($"{Section}:ApiKeySid must be 'SK' followed by 32 hexadecimal digits, with {Section}:ApiKeySecret set.");
        }

        if (!hasApiKey && string.IsNullOrEmpty(options.AuthToken))
        {
            failures.Add($"{Section}:AuthToken (or {Section}:ApiKeySid and {Section}:ApiKeySecret) must be set.");
        }

        if (string.IsNullOrEmpty(options.From) && string.IsNullOrEmpty(options.MessagingServiceSid))
        {
            failures.Add($"{Section}:From (or {Section}:MessagingServiceSid) must be set.");
        }

        if (!string.IsNullOrEmpty(options.From) && !E164Pattern().IsMatch(options.From))
        {
            failures.Add($"{Section}:From must be a phone number in E.164 form, such as +15017122661.");
        }

        if (!string.IsNullOrEmpty(options.MessagingServiceSid) && !MessagingServicePattern().IsMatch(options.MessagingServiceSid))
        {
            failures.Add($"{Section}:MessagingServiceSid must be 'MG' followed by 32 hexadecimal digits.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && !baseUrl.IsLoopback))
        {
            failures.Add($"{Section}:BaseUrl must be an absolute https address (was '{options.BaseUrl}').");
        }

        if (!string.IsNullOrEmpty(options.StatusCallbackUrl) && !Uri.TryCreate(options.StatusCallbackUrl, UriKind.Absolute, out _))
        {
            failures.Add($"{Section}:StatusCallbackUrl must be an absolute address.");
        }

        if (!string.IsNullOrEmpty(options.StatusCallbackUrl) && string.IsNullOrEmpty(options.AuthToken))
        {
            failures.Add($"{Section}:AuthToken must be set to check the signatures of status callbacks.");
        }

        if (options.VoiceRepeats is < 1 or > 5)
        {
            failures.Add($"{Section}:VoiceRepeats must be between 1 and 5 (was {options.VoiceRepeats}).");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:Timeout must be between 00:00:01 and 00:01:00 (was {options.Timeout}).");
        }

        if (options.MaxRetries is < 0 or > 5)
        {
            failures.Add($"{Section}:MaxRetries must be between 0 and 5 (was {options.MaxRetries}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^SK[0-9a-fA-F]{32}$")]
    private static partial Regex ApiKeySidPattern();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex MessagingServicePattern();

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$")]
    private static partial Regex E164Pattern();
}
