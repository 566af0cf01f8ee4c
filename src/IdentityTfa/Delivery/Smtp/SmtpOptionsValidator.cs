using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Delivery.Smtp;

/// <summary>Refuses incomplete SMTP settings at start-up, naming the key.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    private const string Section = SmtpOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{Section}:Port must be between 1 and 65535 (was {options.Port}).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{Section}:Security must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}.");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !MailAddress.TryCreate(options.From, out _))
        {
            failures.Add($"{Section}:From must be the sender's email address.");
        }

        if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{Section}:Password must be set when {Section}:UserName is.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{Section}:Timeout must be between 00:00:01 and 00:02:00 (was {options.Timeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
