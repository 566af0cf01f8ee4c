namespace IdentityTfa.Codes;

/// <summary>How codes of one purpose look, how long they live and how often they may be tried and sent.</summary>
public class CodePolicyOptions
{
    /// <summary>Characters in a code. Default 6; 4 to 16.</summary>
    public int Length { get; set; } = 6;

    /// <summary>The characters a code is drawn from. Default <see cref="CodeType.Numeric"/>.</summary>
    public CodeType Type { get; set; } = CodeType.Numeric;

    /// <summary>How long a code is accepted. Default 10 minutes.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Codes that may be entered against one code before it is dead. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long after one code the user must wait for another. Default 30 seconds.</summary>
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends to one phone number or address, in <c>count/period</c> notation. Default <c>10/1d</c>.</summary>
    public string SendsPerDestination { get; set; } = "10/1d";

    /// <summary>Sends of this purpose by the whole site. Default <c>10000/1d</c>.</summary>
    public string SendsPerPolicy { get; set; } = "10000/1d";

    /// <summary>Text messages and calls to one country in an hour (against SMS pumping). Default <c>500/1h</c>.</summary>
    public string SendsPerCountry { get; set; } = "500/1h";

    /// <summary>
    /// Countries (ISO 3166 two letters, comma-separated) that texts and calls of this purpose may go to. Default: the
    /// default phone region only.
    /// </summary>
    public string? AllowedCountries { get; set; }

    /// <summary>
    /// Replaces the built-in text of text messages and emails (in every language) with this one, which must hold
    /// <c>{code}</c> and may hold <c>{company}</c> and <c>{minutes}</c>. Default: the built-in messages in the user's language.
    /// </summary>
    public string? MessageTemplate { get; set; }

    /// <summary>
    /// Text of text messages and emails per two-letter language (<c>en</c>, <c>es</c>, <c>de</c>), each holding
    /// <c>{code}</c>; a language listed here wins over <see cref="MessageTemplate"/> and the built-in text.
    /// </summary>
    public Dictionary<string, string> MessageTemplates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Replaces the built-in email subject; it may hold <c>{company}</c> and <c>{minutes}</c> but never <c>{code}</c>.</summary>
    public string? EmailSubject { get; set; }
}
