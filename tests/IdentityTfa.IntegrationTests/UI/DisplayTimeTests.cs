using System.Globalization;
using IdentityTfa.UI.Text;

namespace IdentityTfa.IntegrationTests.UI;

/// <summary>Dates on the settings pages (trusted devices, passkeys): the month in words, no weekday, in the page's language.</summary>
public sealed class DisplayTimeTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("hu")]
    [InlineData("ja")]
    public void A_date_has_its_month_in_words_and_no_weekday(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            // Wednesday, 2 December 2026.
            var shown = DisplayTime.Of(new DateTimeOffset(2026, 12, 2, 7, 25, 0, TimeSpan.Zero));

            Assert.Contains(culture.DateTimeFormat.GetMonthName(12), shown, StringComparison.Ordinal);
            Assert.Contains("2026", shown, StringComparison.Ordinal);
            Assert.DoesNotContain(culture.DateTimeFormat.GetDayName(DayOfWeek.Wednesday), shown, StringComparison.Ordinal);
            Assert.EndsWith(" UTC", shown, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
