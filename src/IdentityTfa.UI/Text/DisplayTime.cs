using System.Globalization;
using System.Text.RegularExpressions;

namespace IdentityTfa.UI.Text;

/// <summary>Instants on the settings pages, as readers of the page's language write them.</summary>
internal static partial class DisplayTime
{
    /// <summary>
    /// The date with the month in words and the time, in UTC: "December 2, 2026, 7:25 AM UTC", "2. Dezember 2026, 07:25
    /// UTC"; never "12/2/2026", which half the world reads as the 12th of February.
    /// </summary>
    public static string Of(DateTimeOffset at)
    {
        var culture = CultureInfo.CurrentCulture;
        var utc = at.UtcDateTime;
        var date = Weekday().Replace(culture.DateTimeFormat.LongDatePattern, string.Empty).Trim();
        return $"{utc.ToString(date, culture)}, {utc.ToString("t", culture)} UTC";
    }

    // The weekday in a long date pattern, with the comma and spaces that join it to the date: "dddd, " (en, es, de),
    // "dddd " (fr, nl), ", dddd" (hu), or at the end with none (ja).
    [GeneratedRegex(@",?\s*dddd,?\s*")]
    private static partial Regex Weekday();
}
