using IdentityTfa.Delivery;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>How channels are named to shoppers.</summary>
internal static class ChannelText
{
    public static string By(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => "by text message",
        DeliveryChannel.Voice => "by voice call",
        DeliveryChannel.Email => "by email",
        _ => string.Empty,
    };

    public static string Name(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => "Text message",
        DeliveryChannel.Voice => "Voice call",
        DeliveryChannel.Email => "Email",
        _ => channel.ToString(),
    };
}
