using IdentityTfa.Delivery.Twilio.Lookup;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>Text messages and voice calls through Twilio's REST API, bound from <c>IdentityTfa:Sms:Twilio</c>.</summary>
public class TwilioOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "IdentityTfa:Sms:Twilio";

    /// <summary>The account SID (<c>AC…</c>). Twilio is used only when it is set.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token; also the key of the status callbacks' signatures.</summary>
    public string? AuthToken { get; set; }

    /// <summary>An API key SID (<c>SK…</c>), used with <see cref="ApiKeySecret"/> instead of the auth token to call Twilio.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>The secret of <see cref="ApiKeySid"/>.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>The sending number in E.164 form; needed for voice calls, and for text messages unless <see cref="MessagingServiceSid"/> is set.</summary>
    public string? From { get; set; }

    /// <summary>A messaging service SID (<c>MG…</c>) that picks the sender of text messages.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Twilio's API address: the default, a regional edge such as <c>https://api.dublin.ie1.twilio.com</c>, or a test server.</summary>
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>The public address of this app's status callback endpoint, exactly as Twilio will call it; no callbacks when empty.</summary>
    public string? StatusCallbackUrl { get; set; }

    /// <summary>
    /// The secret of the shared key Twilio signs webhooks with when it sends <c>X-Twilio-Webhooks-Signature-Settings</c>
    /// (HMAC-SHA256); without that header the auth token is the key.
    /// </summary>
    public string? WebhookSharedKeySecret { get; set; }

    /// <summary>The number lookup before a code goes to a phone (<c>IdentityTfa:Sms:Twilio:Lookup</c>); off by default.</summary>
    public TwilioLookupOptions Lookup { get; set; } = new();

    /// <summary>The voice of calls (for example <c>Polly.Joanna</c>); Twilio's default voice of the language when empty.</summary>
    public string? Voice { get; set; }

    /// <summary>How many times a call reads the code. Default 3.</summary>
    public int VoiceRepeats { get; set; } = 3;

    /// <summary>The longest one request to Twilio may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a connection refusal, a 429 or a 503 (the answers after which nothing was sent). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The wait before a retry when Twilio does not say how long (Retry-After). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether Twilio is used.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid);

    internal (string User, string Secret) Credentials =>
        !string.IsNullOrEmpty(ApiKeySid) ? (ApiKeySid, ApiKeySecret ?? string.Empty) : (AccountSid ?? string.Empty, AuthToken ?? string.Empty);
}
