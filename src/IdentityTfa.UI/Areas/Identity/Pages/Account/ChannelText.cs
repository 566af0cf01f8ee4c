namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// How channels are named to users: whole sentences per channel, as a translation needs them. <see cref="Name"/> serves
/// the sign-in and the settings pages alike (its keys are in both AccountText and ManageText); the rest is the verify screen's (AccountText).
/// </summary>
internal static class ChannelText
{
    /// <summary>The chooser's order, strongest first: the app's codes never travel; texts, calls and mail do (NIST SP 800-63B-4 calls them restricted).</summary>
    public static int Strength(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Passkey => -1,
        DeliveryChannel.Authenticator => 0,
        DeliveryChannel.Sms => 1,
        DeliveryChannel.Voice => 2,
        _ => 3,
    };

    public static string Name(IStringLocalizer t, DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => t["Text message"],
        DeliveryChannel.Voice => t["Voice call"],
        DeliveryChannel.Email => t["Email"],
        DeliveryChannel.Authenticator => t["Authenticator app"],
        DeliveryChannel.Passkey => t["Passkey"],
        _ => t["Another way"],
    };

    /// <summary>The verify screen's heading for the channel the waiting code went by, or "Get a code" when none waits.</summary>
    public static string Heading(IStringLocalizer t, DeliveryChannel? channel) => channel switch
    {
        DeliveryChannel.Sms => t["Check your phone"],
        DeliveryChannel.Voice => t["We are calling you"],
        DeliveryChannel.Email => t["Check your email"],
        DeliveryChannel.Authenticator => t["Open your authenticator app"],
        _ => t["Get a code"],
    };

    /// <summary>Where the waiting code went: "We sent a code by text message to •••• 0000."</summary>
    public static string SentTo(IStringLocalizer t, DeliveryChannel channel, string masked) => channel switch
    {
        DeliveryChannel.Voice => t["We called {0} to read you a code.", masked],
        DeliveryChannel.Email => t["We sent a code by email to {0}.", masked],
        DeliveryChannel.Authenticator => t["Enter the code your authenticator app shows for this account."],
        _ => t["We sent a code by text message to {0}.", masked],
    };

    /// <summary>The button that sends a code by a channel: "Send the code by email to j•••@example.com instead".</summary>
    public static string SendTo(IStringLocalizer t, DeliveryChannel channel, string masked, bool instead) => (channel, instead) switch
    {
        (DeliveryChannel.Authenticator, _) => t["Use your authenticator app"],
        (DeliveryChannel.Passkey, _) => t["Use a passkey"],
        (DeliveryChannel.Voice, true) => t["Send the code by voice call to {0} instead", masked],
        (DeliveryChannel.Voice, false) => t["Send the code by voice call to {0}", masked],
        (DeliveryChannel.Email, true) => t["Send the code by email to {0} instead", masked],
        (DeliveryChannel.Email, false) => t["Send the code by email to {0}", masked],
        (_, true) => t["Send the code by text message to {0} instead", masked],
        _ => t["Send the code by text message to {0}", masked],
    };
}
