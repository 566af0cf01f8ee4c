using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.UI.Areas.Admin.Pages.Customers;

/// <summary>
/// The customer search: prefix ranges on the indexed NormalizedEmail, NormalizedUserName and PhoneNumber columns, so
/// that it reads index entries, not every account.
/// </summary>
public static class CustomerSearch
{
    public static IQueryable<IdentityUser> Apply(IQueryable<IdentityUser> users, string term, int countryCode)
    {
        var upper = term.ToUpperInvariant();
        var upperEnd = upper + '\uffff';

        // Phone numbers are stored in E.164: digits typed as dialled abroad, or nationally in the default region.
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        var international = digits.Length >= 3 ? "+" + digits : "\uffff";
        var national = digits.Length >= 3 ? $"+{countryCode}{digits.TrimStart('0')}" : "\uffff";
        return users.Where(u =>
            (u.NormalizedEmail!.CompareTo(upper) >= 0 && u.NormalizedEmail.CompareTo(upperEnd) < 0)
            || (u.NormalizedUserName!.CompareTo(upper) >= 0 && u.NormalizedUserName.CompareTo(upperEnd) < 0)
            || (u.PhoneNumber!.CompareTo(international) >= 0 && u.PhoneNumber.CompareTo(international + '\uffff') < 0)
            || (u.PhoneNumber!.CompareTo(national) >= 0 && u.PhoneNumber.CompareTo(national + '\uffff') < 0));
    }
}
