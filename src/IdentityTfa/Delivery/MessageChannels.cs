namespace IdentityTfa.Delivery;

/// <summary>
/// The methods whose codes go out as a message to a destination (text, call, email); an authenticator app's codes and
/// passkeys are never sent and have no destination.
/// </summary>
internal static class MessageChannels
{
    /// <summary>Text message, voice call and email.</summary>
    public static readonly IReadOnlyList<DeliveryChannel> All = [DeliveryChannel.Sms, DeliveryChannel.Voice, DeliveryChannel.Email];

    /// <summary>Whether a code of <paramref name="channel"/> is sent as a message.</summary>
    public static bool Includes(DeliveryChannel channel) => All.Contains(channel);
}
