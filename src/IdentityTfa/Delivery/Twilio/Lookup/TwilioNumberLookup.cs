using System.Globalization;
using IdentityTfa.Entities;
using Newtonsoft.Json.Linq;
using Twilio.Rest.Lookups.V2;

namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>Asks Twilio Lookup v2 about a number and reads its line type, carrier, last SIM swap and pumping risk.</summary>
internal sealed class TwilioNumberLookup(TwilioClient client)
{
    /// <summary>What Twilio knows of <paramref name="phoneNumber"/>; null when Lookup failed or did not answer.</summary>
    public async Task<NumberLookupRecord?> LookUpAsync(string phoneNumber, TwilioLookupOptions lookup, DateTime now, CancellationToken cancellationToken)
    {
        var found = await client.LookUpAsync(phoneNumber, string.Join(',', lookup.FieldList), cancellationToken);
        return found is null ? null : Read(phoneNumber, found, now);
    }

    internal static NumberLookupRecord Read(string phoneNumber, PhoneNumberResource found, DateTime now)
    {
        // The SDK types these packages as object (JSON objects); a package that failed carries an error_code instead.
        var lineType = Package(found.LineTypeIntelligence);
        var simSwap = Package(found.SimSwap);
        var pumping = Package(found.SmsPumpingRisk);
        var lastSwap = simSwap?["last_sim_swap"] as JObject;
        var swappedAt = DateOf(lastSwap?["last_sim_swap_date"]);
        if (swappedAt is null && lastSwap?["swapped_in_period"]?.Type == JTokenType.Boolean && lastSwap["swapped_in_period"]!.Value<bool>())
        {
            // Some carriers only say "swapped within the period": count it as swapped when asked.
            swappedAt = now;
        }

        return new NumberLookupRecord
        {
            PhoneNumber = phoneNumber,
            LineType = Text(lineType?["type"], 32),
            Carrier = Text(lineType?["carrier_name"], 100) ?? Text(simSwap?["carrier_name"], 100),
            LastSimSwapAt = swappedAt,
            PumpingRiskScore = pumping?["sms_pumping_risk_score"]?.Type == JTokenType.Integer ? pumping["sms_pumping_risk_score"]!.Value<int>() : null,
            LookedUpAt = now,
        };
    }

    private static JObject? Package(object? value)
    {
        var package = value switch
        {
            null => null,
            JObject json => json,
            _ => JObject.FromObject(value),
        };
        return package?["error_code"] is { Type: JTokenType.Integer } ? null : package;
    }

    private static string? Text(JToken? token, int maxLength) =>
        token?.Type == JTokenType.String && token.Value<string>() is { Length: > 0 } text ? text[..Math.Min(text.Length, maxLength)] : null;

    private static DateTime? DateOf(JToken? token) => token?.Type switch
    {
        JTokenType.Date => token.Value<DateTime>().ToUniversalTime(),
        JTokenType.String when DateTimeOffset.TryParse(token.Value<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at.UtcDateTime,
        _ => null,
    };
}
