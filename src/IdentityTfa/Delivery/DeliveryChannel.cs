using System.Text.Json.Serialization;

namespace IdentityTfa.Delivery;

/// <summary>How a code reaches the user. In JSON it is written by name (<c>"Sms"</c>, <c>"Voice"</c>, <c>"Email"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryChannel>))]
public enum DeliveryChannel
{
    /// <summary>Text message to a mobile phone.</summary>
    Sms = 0,

    /// <summary>Voice call that reads the code.</summary>
    Voice = 1,

    /// <summary>Email.</summary>
    Email = 2,

    /// <summary>A time-based code (TOTP, RFC 6238) from an authenticator app; nothing is sent.</summary>
    Authenticator = 3,

    /// <summary>A passkey (WebAuthn, through ASP.NET Core Identity's passkey support): phishing-resistant; nothing is sent or typed.</summary>
    Passkey = 4,
}
