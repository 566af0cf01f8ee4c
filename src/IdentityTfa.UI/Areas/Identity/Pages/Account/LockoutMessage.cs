using System.Globalization;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Tells a locked-out user when to come back.</summary>
internal static class LockoutMessage
{
    /// <remarks>
    /// Identity's lockout runs on the system clock (its UserManager takes no TimeProvider), so the wait is measured
    /// on that clock too, not on the app's TimeProvider.
    /// </remarks>
    public static string For(IStringLocalizer t, DateTimeOffset? lockoutEnd)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (lockoutEnd is not { } end || end <= now)
        {
            return t["Too many failed attempts. Please try again later."];
        }

        var minutes = Math.Max(1, (int)Math.Round((end - now).TotalMinutes));
        var at = end.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        return minutes == 1
            ? t["Too many failed attempts. This account is locked. Try again after {0} UTC (in 1 minute).", at]
            : t["Too many failed attempts. This account is locked. Try again after {0} UTC (in {1} minutes).", at, minutes];
    }
}
