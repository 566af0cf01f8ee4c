using IdentityTfa.Delivery;
using Microsoft.Extensions.Localization;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>How the settings pages name a channel, in the user's language.</summary>
internal static class ChannelNames
{
    public static string Name(this IStringLocalizer t, DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => t["Text message"],
        DeliveryChannel.Voice => t["Voice call"],
        DeliveryChannel.Email => t["Email"],
        _ => t["Another way"],
    };
}
