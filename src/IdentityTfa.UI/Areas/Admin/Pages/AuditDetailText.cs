using System.Text.RegularExpressions;
using IdentityTfa.Audit;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>
/// Words an audit row's detail for the admin. The library stores fixed English phrases ("turned two-factor sign-in
/// off", "wrong code, 3 attempts left"); each is a key of <see cref="AdminText"/> (its English value the stored
/// text), with its free data (counts, times, line types, provider ids) kept as an argument. A detail that is no such
/// phrase (a provider's error, a device name, a newer library's words) is shown as it is stored; the CSV keeps them all raw.
/// </summary>
internal static partial class AuditDetailText
{
    private static readonly Dictionary<string, string[]> FixedPhrases = new(StringComparer.Ordinal)
    {
        [AuditEventTypes.AdminAction] =
        [
            "turned two-factor sign-in on",
            "turned two-factor sign-in off",
            "reset two-factor sign-in (methods, recovery codes and trusted devices removed)",
            "unlocked the account",
        ],
        [AuditEventTypes.CodeRejected] = ["expired", "no code waiting", "too fast"],
        [AuditEventTypes.AttemptsExhausted] = ["expired", "no code waiting", "too fast"],
        [AuditEventTypes.NumberLookup] = ["lookup failed; sent without it"],
        [AuditEventTypes.TestMessage] = ["sent"],
        [AuditEventTypes.EmailChangeUndone] =
        [
            Notices.EmailChangeUndo<object>.RecoveryCodesRemovedDetail,
            Notices.EmailChangeUndo<object>.AddressNotRestoredDetail,
            Notices.EmailChangeUndo<object>.AddressNotRestoredCodesRemovedDetail,
            Notices.EmailChangeUndo<object>.NotCompletedDetail,
        ],
        [AuditEventTypes.RecoveryCodeRefused] = ["account locked out", "second factor stopped", "wrong or used code"],
    };

    private static readonly Dictionary<string, string> LimitPhrases = new(StringComparer.Ordinal)
    {
        ["country"] = "Allowed countries",
        ["destination"] = "Sends per destination",
        ["country-cap"] = "Sends per country",
        ["ip"] = "Sends per network address",
        ["policy"] = "Sends for the whole site",
    };

    // How an account signed in, from the "amr" (authentication methods) value the sign-in row stores.
    private static readonly Dictionary<string, string> SignInMethods = new(StringComparer.Ordinal)
    {
        ["amr=pwd"] = "with the password alone",
        ["amr=mfa"] = "with a second factor",
    };

    private static readonly Dictionary<string, string> LookupSources = new(StringComparer.Ordinal)
    {
        ["twilio"] = "from Twilio",
        ["cache"] = "remembered",
        ["cache after a failed lookup"] = "remembered, the lookup failed",
    };

    /// <summary>The detail of an event of a type, in the admin's language where it is one of the library's phrases.</summary>
    public static string Describe(string type, string? detail, IStringLocalizer<AdminText> T)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return string.Empty;
        }

        if (FixedPhrases.TryGetValue(type, out var phrases) && phrases.Contains(detail, StringComparer.Ordinal))
        {
            return T[detail];
        }

        return type switch
        {
            AuditEventTypes.AdminAction when SetMethod().Match(detail) is { Success: true } m
                => T["set the method to {0}", T[AdminWords.MethodPhrase(m.Groups[1].Value)]],
            AuditEventTypes.AdminAction when RevokedDevices().Match(detail) is { Success: true } m
                => T["revoked {0} trusted devices", m.Groups[1].Value],
            AuditEventTypes.CodeRejected or AuditEventTypes.AttemptsExhausted when WrongCode().Match(detail) is { Success: true } m
                => T["wrong code, {0} attempts left", m.Groups[1].Value],
            AuditEventTypes.RecoveryCodesGenerated when CodesCount().Match(detail) is { Success: true } m
                => T["{0} recovery codes", m.Groups[1].Value],
            AuditEventTypes.RecoveryCodeUsed when LeftCount().Match(detail) is { Success: true } m
                => T["{0} left", m.Groups[1].Value],
            AuditEventTypes.DeviceRevoked when AllDevices().Match(detail) is { Success: true } m
                => T["all ({0})", m.Groups[1].Value],
            AuditEventTypes.SignedIn when SignInMethods.TryGetValue(detail, out var method) => T[method],
            AuditEventTypes.LockedOut when detail.StartsWith("until ", StringComparison.Ordinal)
                => T["until {0}", detail["until ".Length..]],
            AuditEventTypes.CodeRefused when detail.StartsWith("limit: ", StringComparison.Ordinal)
                && LimitPhrases.TryGetValue(detail["limit: ".Length..], out var limit)
                => T["refused by the limit: {0}", T[limit]],
            AuditEventTypes.NumberLookup when Lookup().Match(detail) is { Success: true } m && LookupSources.TryGetValue(m.Groups[6].Value, out var source)
                => T["{0}: line type {1}, carrier {2}, SIM swapped {3}, pumping risk {4} ({5})",
                    T[AdminWords.LookupDecisionPhrase(m.Groups[1].Value)], Unknown(m.Groups[2].Value, T), Unknown(m.Groups[3].Value, T),
                    m.Groups[4].Value == "not known" ? T["none known"] : m.Groups[4].Value, Unknown(m.Groups[5].Value, T), T[source]],
            _ => detail,
        };
    }

    private static string Unknown(string value, IStringLocalizer<AdminText> T) => value == "unknown" ? T["unknown"] : value;

    [GeneratedRegex(@"^set the method to (\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex SetMethod();

    [GeneratedRegex(@"^revoked (\d+) trusted devices$", RegexOptions.CultureInvariant)]
    private static partial Regex RevokedDevices();

    [GeneratedRegex(@"^wrong code, (\d+) attempts left$", RegexOptions.CultureInvariant)]
    private static partial Regex WrongCode();

    [GeneratedRegex(@"^(\d+) codes$", RegexOptions.CultureInvariant)]
    private static partial Regex CodesCount();

    [GeneratedRegex(@"^(\d+) left$", RegexOptions.CultureInvariant)]
    private static partial Regex LeftCount();

    [GeneratedRegex(@"^all \((\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex AllDevices();

    [GeneratedRegex(@"^(.+?): line type (.*), carrier (.*), SIM swapped (.*), pumping risk (.*) \((.+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Lookup();
}
