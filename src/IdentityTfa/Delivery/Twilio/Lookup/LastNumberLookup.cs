namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>The last Twilio Lookup of a user's phone and what it decided, for the admin's customer page.</summary>
/// <param name="PhoneNumber">The number looked up, in E.164 form.</param>
/// <param name="LineType">Twilio's line type (<c>mobile</c>, <c>landline</c>, <c>nonFixedVoip</c>, …), or null when unknown.</param>
/// <param name="Carrier">The carrier's name, or null when unknown.</param>
/// <param name="LastSimSwapAt">When the SIM was last swapped, or null when Twilio knows of none.</param>
/// <param name="PumpingRiskScore">Twilio's SMS pumping risk score (0 to 100), or null when not asked.</param>
/// <param name="Decision">What the last send decided: <c>send</c>, <c>call: landline</c>, <c>sim swap: by email</c>, <c>refused: …</c>.</param>
/// <param name="DecidedAt">When that decision was made.</param>
/// <param name="LookedUpAt">When Twilio answered the lookup the decision used.</param>
internal sealed record LastNumberLookup(
    string PhoneNumber,
    string? LineType,
    string? Carrier,
    DateTimeOffset? LastSimSwapAt,
    int? PumpingRiskScore,
    string Decision,
    DateTimeOffset DecidedAt,
    DateTimeOffset LookedUpAt);
