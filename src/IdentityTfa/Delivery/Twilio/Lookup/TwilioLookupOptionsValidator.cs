namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>Refuses unusable Lookup settings at start-up, naming the key.</summary>
internal static class TwilioLookupOptionsValidator
{
    private const string Section = TwilioLookupOptions.SectionName;

    public static IEnumerable<string> Validate(TwilioLookupOptions lookup, bool twilioConfigured)
    {
        if (!lookup.Enabled)
        {
            yield break;
        }

        if (!twilioConfigured)
        {
            yield return $"{Section}:Enabled needs Twilio: set {TwilioOptions.SectionName}:AccountSid and its credentials.";
        }

        if (lookup.FieldList.Count == 0 || lookup.FieldList.Except(TwilioLookupOptions.KnownFields).FirstOrDefault() is { } unknown)
        {
            yield return $"{Section}:Fields must name one or more of {string.Join(", ", TwilioLookupOptions.KnownFields)} (was '{lookup.Fields}').";
        }

        if (lookup.SimSwapWindow < TimeSpan.FromHours(1) || lookup.SimSwapWindow > TimeSpan.FromDays(365))
        {
            yield return $"{Section}:SimSwapWindow must be between 01:00:00 and 365.00:00:00 (was {lookup.SimSwapWindow}).";
        }

        if (lookup.PumpingRiskThreshold is < 0 or > 100)
        {
            yield return $"{Section}:PumpingRiskThreshold must be between 0 and 100 (was {lookup.PumpingRiskThreshold}).";
        }

        if (lookup.CacheFor < TimeSpan.Zero || lookup.CacheFor > TimeSpan.FromDays(30))
        {
            yield return $"{Section}:CacheFor must be between 00:00:00 and 30.00:00:00 (was {lookup.CacheFor}).";
        }

        if (!Uri.TryCreate(lookup.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && !baseUrl.IsLoopback))
        {
            yield return $"{Section}:BaseUrl must be an absolute https address (was '{lookup.BaseUrl}').";
        }
    }
}
