namespace IdentityTfa.Configuration;

/// <summary>
/// The rules <see cref="TwoFactorOptionsValidator"/> checks, each its English start-up message: {0} is the
/// configuration key, the rest the arguments of an <see cref="OptionsFailure"/>. A page keys its own words on these.
/// </summary>
internal static class OptionsRules
{
    public const string SetAndAtMost = "{0} must be set and at most {1} characters.";
    public const string StrongKey = "{0} must be base64 of at least 32 random bytes (for example: openssl rand -base64 32).";
    public const string Region = "{0} '{1}' is not a region code such as US or GB.";
    public const string Between = "{0} must be between {1} and {2} (was {3}).";
    public const string HostName = "{0} must be a host name such as shop.example.com (was '{1}').";
    public const string AtLeast = "{0} must be at least {1} (was {2}).";
    public const string OneOf = "{0} must be one of {1}.";
    public const string RateLimit = "{0} must be count/period such as {1} (was '{2}').";
    public const string HasCodePlaceholder = "{0} must contain the {{code}} placeholder.";
    public const string RegionInList = "{0} has '{1}', which is not a region code such as US or GB.";
    public const string SubjectWithoutCode = "{0} must not be blank and must not contain {{code}}.";

    public const string RequiredInProduction = "{0} must be set in Production to the absolute http(s) address of the app, such as https://shop.example.com/ (links in mail are built from it).";
    public const string BaseUrl = "{0} must be an absolute http or https address without query or fragment, such as https://shop.example.com/ (was '{1}').";

    public const string KeyRequiredInProduction = "{0} must be set in Production, from configuration or a secret store (a key kept in the database beside the code hashes protects them from nothing that reads the database); for example: openssl rand -base64 32.";

    /// <summary>A message from another validator, kept as it is: {1} is the whole message.</summary>
    public const string Other = "{1}";
}
