using System.Globalization;
using System.Text;

namespace IdentityTfa.Administration;

/// <summary>Audit records as a CSV file for a spreadsheet.</summary>
internal static class AuditCsv
{
    private const string Header = "time,type,account,actor,ip,user_agent,channel,purpose,destination,provider,provider_message_id,detail,old_value,new_value\r\n";

    // With the byte order mark Excel reads the file as UTF-8 rather than the machine's code page.
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Write(IEnumerable<AuditRecord> records)
    {
        var csv = new StringBuilder(Header);
        foreach (var a in records)
        {
            csv.AppendJoin(',', new[]
            {
                a.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), a.Type, a.Account, a.Actor, a.IpAddress, a.UserAgent,
                a.Channel, a.Purpose, a.MaskedDestination, a.Provider, a.ProviderMessageId, a.Detail, a.OldValue, a.NewValue,
            }.Select(Field)).Append("\r\n");
        }

        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(csv.ToString())];
    }

    /// <summary>Quotes a CSV field, and defuses values a spreadsheet would run as a formula.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
