using IdentityTfa.Challenges;
using IdentityTfa.Sending;
using Microsoft.Extensions.Localization;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>The settings pages' words for a code that was not sent or not right, in the user's language.</summary>
internal static class EnrolmentMessages
{
    public static string For(this IStringLocalizer t, VerifyResult? result) => result switch
    {
        VerifyResult.WrongCode { AttemptsLeft: 1 } => t["That code is not right. You have 1 attempt left."],
        VerifyResult.WrongCode wrong => t["That code is not right. You have {0} attempts left.", wrong.AttemptsLeft],
        VerifyResult.Expired => t["This code has expired. Send a new code."],
        VerifyResult.AttemptsExhausted => t["Too many wrong codes were entered. Send a new code."],
        VerifyResult.TooFast => t["Codes are being entered too fast. Wait a moment, then try again."],
        _ => t["There is no code waiting. Send a new code."],
    };

    /// <summary>The words for a send that did not go out, or null when it was sent.</summary>
    /// <remarks>The library's own refusals (send limits, delivery failures) are looked up by their English text.</remarks>
    public static string? ForRefusal(this IStringLocalizer t, SendCodeResult result) => result switch
    {
        SendCodeResult.Sent => null,
        SendCodeResult.TooSoon tooSoon => t["A code was sent moments ago. You can ask for a new one in {0} seconds.", Math.Max(1, (int)Math.Ceiling(tooSoon.RetryAfter.TotalSeconds))].Value,
        SendCodeResult.LockedOut => t["Too many failed attempts. Please try again later."].Value,
        SendCodeResult.DeliveryFailed failed => t[failed.Message].Value,
        SendCodeResult.Refused refused => t[refused.Message].Value,
        _ => t["We cannot send a code that way. Choose another way."].Value,
    };
}
