using System.Globalization;

namespace IdentityTfa.Configuration;

/// <summary>
/// One setting the options validator refuses: its configuration key, the rule (one of <see cref="OptionsRules"/>) and
/// the rule's arguments. Start-up prints <see cref="Message"/> (English, naming the key); the admin page says the same
/// in the admin's language about the field it shows.
/// </summary>
internal sealed record OptionsFailure(string Key, string Rule, IReadOnlyList<object?> Arguments)
{
    /// <summary>A refusal of a setting by a rule with its arguments.</summary>
    public OptionsFailure(string key, string rule, params object?[] arguments)
        : this(key, rule, (IReadOnlyList<object?>)arguments)
    {
    }

    /// <summary>The English message that names the configuration key, as start-up prints it.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Rule, [Key, .. Arguments]);

    /// <summary>A message of another validator, which has no structure to show.</summary>
    public static OptionsFailure Other(string message) => new(string.Empty, OptionsRules.Other, message);
}
