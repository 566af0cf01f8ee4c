namespace IdentityTfa.Delivery;

/// <summary>The English names the security notices give a sign-in method.</summary>
internal static class DeliveryChannelNames
{
    /// <summary>"Text message", "Voice call", "Authenticator app", "Passkey" or "Email".</summary>
    public static string Name(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => "Text message",
        DeliveryChannel.Voice => "Voice call",
        DeliveryChannel.Authenticator => "Authenticator app",
        DeliveryChannel.Passkey => "Passkey",
        _ => "Email",
    };

    /// <summary>The method as a plural subject: "Passkeys", else "Text message codes" and the like.</summary>
    public static string MethodWords(DeliveryChannel channel) => channel == DeliveryChannel.Passkey ? "Passkeys" : $"{Name(channel)} codes";
}
