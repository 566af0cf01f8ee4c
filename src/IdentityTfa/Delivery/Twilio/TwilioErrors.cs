namespace IdentityTfa.Delivery.Twilio;

/// <summary>Twilio's error codes in plain words for the person waiting for the code.</summary>
internal static class TwilioErrors
{
    public static string ForUser(TwilioResult result, DeliveryChannel channel) => result.ErrorCode switch
    {
        21211 or 13223 or 13224 => "This phone number is not valid. Check it and try again.",
        21614 => "This number cannot receive text messages. Use a mobile number, or choose a voice call.",
        21408 or 13227 or 21215 => channel == DeliveryChannel.Voice
            ? "We cannot call numbers in this country."
            : "We cannot send text messages to this country.",
        21610 => "This number has asked not to receive our text messages. Reply START to it to allow them again, or choose another way.",
        21612 => "We cannot send text messages to this number. Choose another way.",
        20429 or 14107 => "Too many messages are being sent right now. Please try again in a minute.",
        _ when result.HttpStatus == 429 => "Too many messages are being sent right now. Please try again in a minute.",
        _ => channel == DeliveryChannel.Voice
            ? "We could not call you right now. Please try again in a moment or choose another way."
            : "We could not send the text message right now. Please try again in a moment or choose another way.",
    };

    public static string Detail(TwilioResult result) =>
        result.HttpStatus == 0
            ? $"Twilio unreachable: {result.ErrorMessage}"
            : $"Twilio HTTP {result.HttpStatus}, error {result.ErrorCode}: {result.ErrorMessage}{(result.MoreInfo is null ? string.Empty : $" ({result.MoreInfo})")}";
}
