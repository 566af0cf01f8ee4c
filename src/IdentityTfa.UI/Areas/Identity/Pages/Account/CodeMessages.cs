using System.Globalization;
using IdentityTfa.Challenges;
using IdentityTfa.Sending;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The words shoppers see for each result of sending or checking a code.</summary>
internal static class CodeMessages
{
    public static string For(VerifyResult? result) => result switch
    {
        VerifyResult.WrongCode wrong => $"That code is not right. You have {wrong.AttemptsLeft} attempt{(wrong.AttemptsLeft == 1 ? "" : "s")} left.",
        VerifyResult.Expired => "This code has expired. Send a new code.",
        VerifyResult.AttemptsExhausted => "Too many wrong codes were entered. Send a new code.",
        VerifyResult.TooFast => "Codes are being entered too fast. Wait a moment, then try again.",
        _ => "There is no code waiting. Send a new code.",
    };

    /// <summary>The words for a send that did not go out, or null when it was sent.</summary>
    public static string? ForRefusal(SendCodeResult result) => result switch
    {
        SendCodeResult.Sent => null,
        SendCodeResult.TooSoon tooSoon => string.Create(CultureInfo.InvariantCulture, $"A code was sent moments ago. You can ask for a new one in {Math.Max(1, (int)Math.Ceiling(tooSoon.RetryAfter.TotalSeconds))} seconds."),
        SendCodeResult.LockedOut locked => LockoutMessage.For(locked.Until),
        SendCodeResult.DeliveryFailed failed => failed.Message,
        SendCodeResult.Refused refused => refused.Message,
        _ => "We cannot send a code that way. Choose another way.",
    };
}
