using PhoneNumbers;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>A number the user typed, shown back in full so that a mistyped digit can be seen: "+1 650-253-0000".</summary>
internal static class PhoneDisplay
{
    public static string International(string e164)
    {
        try
        {
            var util = PhoneNumberUtil.GetInstance();
            return util.Format(util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
