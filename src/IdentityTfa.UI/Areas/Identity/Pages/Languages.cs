namespace IdentityTfa.UI.Areas.Identity.Pages;

/// <summary>
/// The languages this package's pages are written in (its resources exist in exactly these), each named in itself, as
/// a language switch should name them: a reader looks for the name of their own language.
/// </summary>
public static class Languages
{
    /// <summary>English, Spanish and German, in the order the switch shows them.</summary>
    public static IReadOnlyList<Language> All { get; } =
    [
        new("en", "English"),
        new("es", "Español"),
        new("de", "Deutsch"),
    ];

    /// <summary>The language with this culture name, or null when the package has none.</summary>
    public static Language? Find(string? culture) =>
        All.FirstOrDefault(l => string.Equals(l.Culture, culture, StringComparison.OrdinalIgnoreCase));

    /// <summary>The language of the current request's UI culture, for <c>&lt;html lang&gt;</c>.</summary>
    public static string Current => Find(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)?.Culture ?? "en";
}

/// <summary>One language of the switch: its culture name and its name in itself.</summary>
public sealed record Language(string Culture, string Name);
