namespace IdentityTfa.Sending;

/// <summary>Why a sign-in code went by email instead of the way asked: the values of <see cref="SendCodeResult.Sent.FailoverReason"/>.</summary>
internal static class FailoverReasons
{
    /// <summary>No provider could send the text message.</summary>
    public const string TextFailed = "text-failed";

    /// <summary>No provider could make the voice call.</summary>
    public const string CallFailed = "call-failed";

    /// <summary>The phone's SIM card was changed recently (Twilio Lookup), so the code was kept off it.</summary>
    public const string SimSwap = "sim-swap";
}
