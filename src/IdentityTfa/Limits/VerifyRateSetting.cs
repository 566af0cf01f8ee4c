using IdentityTfa.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Limits;

/// <summary>
/// The verify rate of the options in force (<see cref="TwoFactorOptions.VerifyRate"/>), read once per value of the
/// setting rather than once per verify: the verify step waits for it inside its turn to write.
/// </summary>
internal sealed class VerifyRateSetting(IOptionsMonitor<TwoFactorOptions> options)
{
    private Parsed? _parsed;

    /// <summary>The limit, or null when the setting allows any rate.</summary>
    public RateLimit? Current
    {
        get
        {
            var text = options.CurrentValue.VerifyRate;
            var parsed = _parsed;
            if (parsed is null || !string.Equals(parsed.Text, text, StringComparison.Ordinal))
            {
                parsed = new Parsed(text, RateLimit.Parse(text));
                _parsed = parsed;
            }

            return parsed.Rate;
        }
    }

    private sealed record Parsed(string? Text, RateLimit? Rate);
}
