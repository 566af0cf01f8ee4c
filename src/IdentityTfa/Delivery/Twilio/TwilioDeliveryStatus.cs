namespace IdentityTfa.Delivery.Twilio;

/// <summary>Twilio's words for a message or call that did not reach the phone, read in one place.</summary>
internal static class TwilioDeliveryStatus
{
    /// <summary>Whether a delivery report (a message's or a call's status) says the code did not arrive.</summary>
    public static bool IsFailure(string? status) => status is "failed" or "undelivered" or "busy" or "no-answer";
}
