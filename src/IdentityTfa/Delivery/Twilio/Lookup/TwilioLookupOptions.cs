namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>Twilio Lookup v2 before a code goes to a phone, bound from <c>IdentityTfa:Sms:Twilio:Lookup</c>. Off by default; each lookup is paid for.</summary>
public class TwilioLookupOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = TwilioOptions.SectionName + ":Lookup";

    /// <summary>The data packages Lookup may be asked for.</summary>
    internal static readonly string[] KnownFields = ["line_type_intelligence", "sim_swap", "sms_pumping_risk"];

    /// <summary>Whether numbers are looked up before a code is sent to them. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The data packages asked for, comma-separated. Default <c>line_type_intelligence,sim_swap,sms_pumping_risk</c>.</summary>
    public string Fields { get; set; } = string.Join(',', KnownFields);

    /// <summary>A SIM swapped this recently means no sign-in code goes to the phone. Default 7 days.</summary>
    public TimeSpan SimSwapWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A pumping risk score (0 to 100) above this refuses the send. Default 60.</summary>
    public int PumpingRiskThreshold { get; set; } = 60;

    /// <summary>How long a lookup is reused, from the database, before the number is looked up again. Default 1 day.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Line types a phone number cannot be enrolled with, comma-separated (Twilio's names). Default <c>nonFixedVoip,premium,sharedCost,tollFree,pager,voicemail</c>.</summary>
    public string RefusedLineTypes { get; set; } = "nonFixedVoip,premium,sharedCost,tollFree,pager,voicemail";

    /// <summary>Lookup's address: the default, or a test server. Default <c>https://lookups.twilio.com</c>.</summary>
    public string BaseUrl { get; set; } = "https://lookups.twilio.com";

    internal IReadOnlyList<string> FieldList => Split(Fields);

    internal bool Refuses(string? lineType) => lineType is not null && Split(RefusedLineTypes).Contains(lineType, StringComparer.OrdinalIgnoreCase);

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
