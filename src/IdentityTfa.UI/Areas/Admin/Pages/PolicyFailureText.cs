namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>
/// Words a refused policy setting for the admin: the library's failure names the configuration key in English (right at
/// start-up), the admin sees the field's group and label in their language. Each phrase is a key of
/// <see cref="AdminText"/>; its arguments are the failure's, after the configuration key.
/// </summary>
internal static class PolicyFailureText
{
    private const string Placeholder = "{code}";

    private static readonly Dictionary<(string Setting, string Rule), string> Phrases = new()
    {
        [("Length", OptionsRules.Between)] = "the code length must be between {0} and {1} (was {2}).",
        [("Type", OptionsRules.OneOf)] = "the code type must be one of those in the list.",
        [("Lifetime", OptionsRules.Between)] = "the lifetime of a code must be between {0} and {1} (was {2}).",
        [("MaxAttempts", OptionsRules.Between)] = "the attempts per code must be between {0} and {1} (was {2}).",
        [("ResendCooldown", OptionsRules.Between)] = "the wait before a new code must be between {0} and {1} (was {2}).",
        [("MessageTemplate", OptionsRules.HasCodePlaceholder)] = "the message template must contain the {0} placeholder.",
        [("SendsPerDestination", OptionsRules.RateLimit)] = "the sends per destination must be count/period, for example 10/1d (was '{1}').",
        [("SendsPerPolicy", OptionsRules.RateLimit)] = "the sends for the whole site must be count/period, for example 500/1h (was '{1}').",
        [("SendsPerCountry", OptionsRules.RateLimit)] = "the sends per country must be count/period, for example 100/1h (was '{1}').",
        [("AllowedCountries", OptionsRules.RegionInList)] = "the allowed countries include '{0}', which is not a two-letter country code such as US or GB.",
        [("EmailSubject", OptionsRules.SubjectWithoutCode)] = "the email subject must not be blank and must not contain {0}.",
        [("CompanyName", OptionsRules.SetAndAtMost)] = "The company name must be set and at most {0} characters long.",
        [("NewAccountMethod", OptionsRules.OneOf)] = "The default method for new customers must be one of those in the list.",
    };

    /// <summary>The failure in the admin's language; one the form cannot cause (a configured setting) as the library says it.</summary>
    public static string Describe(OptionsFailure failure, IStringLocalizer<AdminText> T)
    {
        var key = failure.Key.Split(':');
        if (key is [_, "Policies", var purpose, "MessageTemplates", var language] && failure.Rule == OptionsRules.HasCodePlaceholder)
        {
            var name = AdminWords.Languages.FirstOrDefault(l => l.Code == language).Name;
            return InGroup(purpose, T["the message template in {0} must contain the {1} placeholder.", name is null ? language : T[name], Placeholder], T);
        }

        // The placeholder goes last, so that a phrase naming it ({code} cannot be written in a format string) reads it as an argument.
        var arguments = failure.Arguments.Select(a => a ?? string.Empty).Append(Placeholder).ToArray();
        return key switch
        {
            [_, "Policies", var group, var setting] when Phrases.TryGetValue((setting, failure.Rule), out var phrase)
                => InGroup(group, T[phrase, arguments], T),
            [_, var setting] when Phrases.TryGetValue((setting, failure.Rule), out var phrase) => T[phrase, arguments],
            _ => failure.Message,
        };
    }

    /// <summary>
    /// The form name of the setting a failure is about: the key IdentityTfa:Policies:SignIn:MessageTemplates:de is
    /// the field Policies.SignIn.MessageTemplates[de]; null when the form has no such field.
    /// </summary>
    public static string? FieldOf(OptionsFailure failure)
    {
        var key = failure.Key.Split(':');
        if (key.Length < 2 || key[0] != TwoFactorOptions.SectionName)
        {
            return null;
        }

        return key.Length == 5 && key[3] == "MessageTemplates"
            ? $"{key[1]}.{key[2]}.MessageTemplates[{key[4]}]"
            : string.Join('.', key.Skip(1));
    }

    private static string InGroup(string purpose, string sentence, IStringLocalizer<AdminText> T)
    {
        var heading = AdminWords.Purposes.FirstOrDefault(p => p.Name == purpose).Heading;
        return heading is null ? sentence : T["{0}: {1}", T["{0} codes", T[heading]], sentence];
    }
}
