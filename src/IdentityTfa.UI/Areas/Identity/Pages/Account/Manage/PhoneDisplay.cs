using PhoneNumbers;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>A number shown back in full, in international format (+1 650-253-0000), so a typo is seen before a code goes astray.</summary>
internal static class PhoneDisplay
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string International(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164; // Only numbers the parser accepted get here; E.164 is still readable.
        }
    }
}
