using IdentityTfa.Delivery;

namespace IdentityTfa.TokenProviders;

/// <summary>The names IdentityTfa's token providers are registered under in <c>IdentityOptions.Tokens.ProviderMap</c>.</summary>
internal static class TwoFactorProviderNames
{
    /// <summary>Codes by text message.</summary>
    public const string Sms = "Sms";

    /// <summary>Codes read out by a voice call.</summary>
    public const string Voice = "Voice";

    /// <summary>Codes by email. Replaces Identity's time-window email provider of the same name.</summary>
    public const string Email = "Email";

    /// <summary>Time-based codes from an authenticator app, accepted once each. Replaces Identity's provider of the same name.</summary>
    public const string Authenticator = "Authenticator";

    /// <summary>Passkeys as the second step: its "token" is a passkey assertion checked in the same request, never a typed code.</summary>
    public const string Passkey = "Passkey";

    /// <summary>The provider name of a channel.</summary>
    public static string For(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => Sms,
        DeliveryChannel.Email => Email,
        DeliveryChannel.Voice => Voice,
        DeliveryChannel.Authenticator => Authenticator,
        DeliveryChannel.Passkey => Passkey,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No token provider serves this channel yet."),
    };

    /// <summary>The channel of a provider name, or null when the name is not one of IdentityTfa's.</summary>
    public static DeliveryChannel? ChannelOf(string? providerName) => providerName switch
    {
        Sms => DeliveryChannel.Sms,
        Email => DeliveryChannel.Email,
        Voice => DeliveryChannel.Voice,
        Authenticator => DeliveryChannel.Authenticator,
        Passkey => DeliveryChannel.Passkey,
        _ => null,
    };
}
