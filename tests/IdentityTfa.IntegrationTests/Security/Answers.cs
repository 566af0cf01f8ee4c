using System.Text.RegularExpressions;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// A whole answer as an observer sees it, for comparing a known email's with an unknown one's: the status, the address it
/// ended at, the headers (without cookies and the date, which differ between any two requests), and the body, with the
/// email given, the antiforgery token and recovery codes (new on every answer) put as placeholders.
/// </summary>
internal static partial class Answers
{
    public static async Task<string> ReadAsync(HttpResponseMessage response, string email)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Set-Cookie" or "Date"))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        var text = $"{(int)response.StatusCode} {response.RequestMessage!.RequestUri!.PathAndQuery}\n{string.Join("\n", headers)}\n\n{body}";
        foreach (var form in new[] { email, Uri.EscapeDataString(email), System.Net.WebUtility.HtmlEncode(email) })
        {
            text = text.Replace(form, "{email}", StringComparison.OrdinalIgnoreCase);
        }

        text = AntiforgeryToken().Replace(text, "${field}{token}\"");
        return RecoveryCode().Replace(text, "{recovery code}");
    }

    /// <summary>GETs <paramref name="path"/> for its form's antiforgery token, then posts the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(Shopper browser, string path, params (string Name, string Value)[] fields)
    {
        var page = await browser.GetAsync(path);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form on {path}.");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token));
        return await browser.Client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("(?<field>name=\"__RequestVerificationToken\"[^>]*?value=\")[^\"]+\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"\b[0-9A-Za-z]{5}-[0-9A-Za-z]{5}\b")]
    private static partial Regex RecoveryCode();
}
