using System.Globalization;
using System.Text.RegularExpressions;

namespace IdentityTfa.Limits;

/// <summary>A limit in the seeds' <c>count/period</c> notation: <c>3/1d</c>, <c>10000/1d</c>, <c>1/3s</c>, <c>20/1h</c>, <c>5/10m</c>.</summary>
internal sealed partial record RateLimit(int Count, TimeSpan Period)
{
    /// <summary>Reads <c>count/period</c>; null when the text is not in that notation.</summary>
    public static RateLimit? Parse(string? text)
    {
        var match = Notation().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var count = int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        var period = match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return count > 0 && period > TimeSpan.Zero ? new RateLimit(count, period) : null;
    }

    /// <summary>The fixed window an instant falls in: its number since the start of time, counted in periods.</summary>
    public long WindowAt(DateTime utc) => utc.Ticks / Period.Ticks;

    /// <summary>When the fixed window an instant falls in ends, so that a refused caller knows when to come back.</summary>
    public DateTime WindowEndAt(DateTime utc) => new((WindowAt(utc) + 1) * Period.Ticks, DateTimeKind.Utc);

    /// <inheritdoc />
    public override string ToString() => $"{Count}/{Period}";

    [GeneratedRegex(@"^(?<count>\d{1,9})/(?<amount>\d{1,6})(?<unit>[smhd])$")]
    private static partial Regex Notation();
}
