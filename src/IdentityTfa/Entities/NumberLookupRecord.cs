namespace IdentityTfa.Entities;

/// <summary>
/// The last Twilio Lookup of a phone number and what was decided from it, shared by every instance so that repeated
/// sign-ins do not pay for another lookup while it is fresh. Kept after it goes stale: a known recent SIM swap still
/// holds when the next lookup fails.
/// </summary>
internal class NumberLookupRecord
{
    /// <summary>The number in E.164 form.</summary>
    public string PhoneNumber { get; set; } = string.Empty;

    /// <summary>Twilio's line type (<c>mobile</c>, <c>landline</c>, <c>nonFixedVoip</c>, …), when it said.</summary>
    public string? LineType { get; set; }

    /// <summary>The carrier's name, when Twilio said.</summary>
    public string? Carrier { get; set; }

    /// <summary>When the number's SIM was last swapped, when Twilio knows.</summary>
    public DateTime? LastSimSwapAt { get; set; }

    /// <summary>Twilio's SMS pumping risk score, 0 to 100.</summary>
    public int? PumpingRiskScore { get; set; }

    /// <summary>When Twilio answered this lookup.</summary>
    public DateTime LookedUpAt { get; set; }

    /// <summary>What the last send to the number was decided to be (<c>send</c>, <c>call</c>, <c>sim-swap</c>, …).</summary>
    public string Decision { get; set; } = string.Empty;

    /// <summary>When that decision was made.</summary>
    public DateTime DecidedAt { get; set; }
}
