using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Administration;

/// <summary>
/// The customer search: prefix ranges on the indexed NormalizedEmail, NormalizedUserName and PhoneNumber columns, so
/// that it reads index entries, not every account. Works for any user entity shaped like Identity's (it names the
/// columns, not the properties of a CLR type).
/// </summary>
internal static class CustomerSearch
{
    /// <summary>Narrows <paramref name="users"/> to those whose email, user name or phone starts with <paramref name="term"/>.</summary>
    public static IQueryable<TUser> Apply<TUser>(IQueryable<TUser> users, string term, int countryCode)
        where TUser : class
    {
        var upper = term.ToUpperInvariant();
        var upperEnd = upper + '\uffff';

        // Phone numbers are stored in E.164: digits typed as dialled abroad, or nationally in the default region.
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        var international = digits.Length >= 3 ? "+" + digits : "\uffff";
        var internationalEnd = international + '\uffff';
        var national = digits.Length >= 3 ? $"+{countryCode}{digits.TrimStart('0')}" : "\uffff";
        var nationalEnd = national + '\uffff';

        // A comparison (not StartsWith) is what SQLite and PostgreSQL both turn into an index range.
        return users.Where(u =>
            (EF.Property<string>(u, "NormalizedEmail").CompareTo(upper) >= 0 && EF.Property<string>(u, "NormalizedEmail").CompareTo(upperEnd) < 0)
            || (EF.Property<string>(u, "NormalizedUserName").CompareTo(upper) >= 0 && EF.Property<string>(u, "NormalizedUserName").CompareTo(upperEnd) < 0)
            || (EF.Property<string>(u, "PhoneNumber").CompareTo(international) >= 0 && EF.Property<string>(u, "PhoneNumber").CompareTo(internationalEnd) < 0)
            || (EF.Property<string>(u, "PhoneNumber").CompareTo(national) >= 0 && EF.Property<string>(u, "PhoneNumber").CompareTo(nationalEnd) < 0));
    }
}
