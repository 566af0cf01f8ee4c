using Microsoft.Extensions.Options;

namespace IdentityTfa.Configuration;

/// <summary>Refuses session limits beyond what NIST SP 800-63B-4 allows at AAL2, naming the key.</summary>
internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    private const string Section = SessionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var failures = new List<OptionsFailure>();
        Check(failures, "PartialSignInLifetime", options.PartialSignInLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        Check(failures, "AbsoluteLifetime", options.AbsoluteLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));
        Check(failures, "IdleTimeout", options.IdleTimeout, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        Check(failures, "StampCheckInterval", options.StampCheckInterval, TimeSpan.Zero, TimeSpan.FromMinutes(30));
        if (options.IdleTimeout > options.AbsoluteLifetime)
        {
            failures.Add(new($"{Section}:IdleTimeout", OptionsRules.Between, TimeSpan.FromMinutes(1), $"{Section}:AbsoluteLifetime", options.IdleTimeout));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => f.Message));
    }

    private static void Check(List<OptionsFailure> failures, string key, TimeSpan value, TimeSpan least, TimeSpan most)
    {
        if (value < least || value > most)
        {
            failures.Add(new($"{Section}:{key}", OptionsRules.Between, least, most, value));
        }
    }
}
