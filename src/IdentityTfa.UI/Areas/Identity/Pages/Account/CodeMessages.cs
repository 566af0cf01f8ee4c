namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// The words users see for each result of sending or checking a code, on the sign-in and the settings pages alike.
/// <see cref="For"/> and <see cref="ForRefusal"/> serve both page groups (their keys are in AccountText and ManageText);
/// the rest is the verify screen's (AccountText).
/// </summary>
internal static class CodeMessages
{
    public static string For(IStringLocalizer t, VerifyResult? result) => result switch
    {
        VerifyResult.WrongCode { AttemptsLeft: 1 } => t["That code is not right. You have 1 attempt left."],
        VerifyResult.WrongCode wrong => t["That code is not right. You have {0} attempts left.", wrong.AttemptsLeft],
        VerifyResult.Expired => t["This code has expired. Send a new code."],
        VerifyResult.AttemptsExhausted => t["Too many wrong codes were entered. Send a new code."],
        VerifyResult.TooFast => t["Codes are being entered too fast. Wait a moment, then try again."],
        _ => t["There is no code waiting. Send a new code."],
    };

    /// <summary>The words for a send that did not go out, or null when it was sent.</summary>
    public static string? ForRefusal(IStringLocalizer t, SendCodeResult result) => result switch
    {
        SendCodeResult.Sent => null,
        SendCodeResult.TooSoon tooSoon => t["A code was sent moments ago. You can ask for a new one in {0} seconds.", WaitSeconds(tooSoon.RetryAfter)],
        SendCodeResult.LockedOut locked => LockoutMessage.For(t, locked.Until),
        SendCodeResult.DeliveryFailed { Reason: "no-provider" } => t["We cannot send codes this way right now. Please choose another way or try again later."],

        // The providers' answers are English sentences that are keys of the resource too.
        SendCodeResult.DeliveryFailed failed => t[failed.Message],
        SendCodeResult.Refused refused => refused.Reason switch
        {
            "country" => t["We cannot send codes to phone numbers in this country. Use another number or your email."],
            "destination" => t["Too many codes were sent to this destination. Try again later, or use another way."],
            "country-cap" => t["We cannot send more codes to this country right now. Please try again later or use your email."],
            "ip" => t["Too many codes were asked for from this network. Please try again later."],
            "policy" => t["We cannot send more codes right now. Please try again later."],
            _ => t[refused.Message],
        },
        _ => t["We cannot send a code that way. Choose another way."],
    };

    /// <summary>Why the code went by email instead, or null when it went the way asked.</summary>
    /// <remarks>Worded from the library's reason: its English notice (kept for the token API) names the provider's error, which a translation cannot.</remarks>
    public static string? FailoverNotice(IStringLocalizer t, SendCodeResult.Sent sent) => sent.FailoverReason switch
    {
        null when sent.FailoverNotice is null => null,
        FailoverReasons.SimSwap => t["The SIM card of your phone was changed recently, so we did not send the code to it. We sent it by email instead."].Value,
        FailoverReasons.CallFailed => t["We could not call your phone. We sent the code by email instead."].Value,
        _ => t["We could not send a text message to your phone. We sent the code by email instead."].Value,
    };

    /// <summary>"You can ask for a new code in 25 seconds." (the verify screen's countdown).</summary>
    public static string ResendWait(IStringLocalizer t, int seconds) => seconds == 1
        ? t["You can ask for a new code in 1 second."]
        : t["You can ask for a new code in {0} seconds.", seconds];

    private static int WaitSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
