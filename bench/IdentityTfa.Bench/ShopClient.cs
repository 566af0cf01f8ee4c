using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace IdentityTfa.Bench;

/// <summary>A browser's state after the password step: its cookies, its antiforgery token and the code it was sent.</summary>
internal sealed record PreparedSession(int Account, CookieJar Cookies, string Token, string? Code);

/// <summary>The shop's pages as simulated browsers use them, over one HTTP client on loopback.</summary>
internal sealed partial class ShopClient(HttpClient http, ConcurrentDictionary<string, string> textsByPhone)
{
    public const string VerifyPath = "/Identity/Account/LoginWith2fa?rememberMe=False&returnUrl=%2F";

    /// <summary>Partial sign-ins with fresh codes from <paramref name="provider"/> (none when empty), prepared before a run.</summary>
    public async Task<IReadOnlyList<PreparedSession>> PrepareAsync(IEnumerable<int> accounts, string provider)
    {
        var sessions = new ConcurrentBag<PreparedSession>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (account, _) =>
        {
            var jar = new CookieJar();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/bench/session?email={Uri.EscapeDataString(BenchData.Email(account))}&provider={provider}");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            jar.Update(response.Headers);
            var session = await response.Content.ReadFromJsonAsync<BenchSession>() ?? throw new InvalidOperationException("Empty session.");
            sessions.Add(new PreparedSession(account, jar, session.Token, session.Code));
        });
        return sessions.OrderBy(s => s.Account).ToList();
    }

    /// <summary>The verify step on the shop's own verify screen.</summary>
    public Task<bool> VerifyOnShopPageAsync(PreparedSession session) =>
        PostExpectingRedirectAsync(session.Cookies, VerifyPath, session.Token, "/", [("Input.Code", session.Code!), ("Input.TrustDevice", "false")]);

    /// <summary>The verify step on the template-shaped page, with the named provider.</summary>
    public Task<bool> VerifyOnTemplatePageAsync(PreparedSession session, string provider) =>
        PostExpectingRedirectAsync(session.Cookies, $"/Bench/Verify/{provider}", session.Token, "/", [("Code", session.Code!)]);

    /// <summary>The ceiling: an antiforgery-checked POST that only redirects.</summary>
    public Task<bool> CeilingAsync(PreparedSession session) =>
        PostExpectingRedirectAsync(session.Cookies, "/Bench/Ceiling", session.Token, "/", []);

    /// <summary>"Send new code" on the verify screen; true when the shop says it sent one.</summary>
    public Task<bool> SendNewCodeAsync(PreparedSession session) =>
        PostExpectingRedirectAsync(session.Cookies, "/Identity/Account/LoginWith2fa?handler=Send&rememberMe=False&returnUrl=%2F", session.Token, "/Identity/Account/LoginWith2fa", [("channel", "Sms")]);

    /// <summary>Password, code by text through Twilio, verify: the whole sign-in on the shop's pages.</summary>
    public async Task<bool> SignInOnShopPagesAsync(int account)
    {
        var jar = new CookieJar();
        var token = await GetTokenAsync(jar, "/Identity/Account/Login?returnUrl=%2F");
        textsByPhone.TryRemove(BenchData.Phone(account), out _);
        if (!await PostExpectingRedirectAsync(jar, "/Identity/Account/Login?returnUrl=%2F", token, "/Identity/Account/LoginWith2fa",
                [("Input.Email", BenchData.Email(account)), ("Input.Password", BenchShop.Password), ("Input.RememberMe", "false")]))
        {
            return false;
        }

        var code = CodeIn(account);
        token = await GetTokenAsync(jar, VerifyPath);
        return code is not null && await PostExpectingRedirectAsync(jar, VerifyPath, token, "/", [("Input.Code", code), ("Input.TrustDevice", "false")]);
    }

    /// <summary>The same whole sign-in on the template-shaped pages, with the named token provider making and checking the code.</summary>
    public async Task<bool> SignInOnTemplatePagesAsync(int account, string provider)
    {
        var jar = new CookieJar();
        var token = await GetTokenAsync(jar, "/Bench/Login");
        textsByPhone.TryRemove(BenchData.Phone(account), out _);
        if (!await PostExpectingRedirectAsync(jar, $"/Bench/Login/{provider}", token, $"/Bench/Verify/{provider}",
                [("Email", BenchData.Email(account)), ("Password", BenchShop.Password)]))
        {
            return false;
        }

        var code = CodeIn(account);
        token = await GetTokenAsync(jar, $"/Bench/Verify/{provider}");
        return code is not null && await PostExpectingRedirectAsync(jar, $"/Bench/Verify/{provider}", token, "/", [("Code", code)]);
    }

    /// <summary>A password step that must be refused with the shop's one answer for unknown accounts and wrong passwords.</summary>
    public async Task<bool> RefusedSignInAsync(string email)
    {
        var jar = new CookieJar();
        var token = await GetTokenAsync(jar, "/Identity/Account/Login");
        using var request = Form(jar, "/Identity/Account/Login", token, [("Input.Email", email), ("Input.Password", "Not-the-passw0rd!"), ("Input.RememberMe", "false")]);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("Invalid email or password.", StringComparison.Ordinal);
    }

    private string? CodeIn(int account) =>
        textsByPhone.TryGetValue(BenchData.Phone(account), out var body) ? SixDigits().Match(body) is { Success: true } m ? m.Value : null : null;

    private async Task<string> GetTokenAsync(CookieJar jar, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        jar.AddTo(request);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        jar.Update(response.Headers);
        var html = await response.Content.ReadAsStringAsync();
        return AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    private async Task<bool> PostExpectingRedirectAsync(CookieJar jar, string path, string token, string expectedLocation, (string Name, string Value)[] fields)
    {
        using var request = Form(jar, path, token, fields);
        using var response = await http.SendAsync(request);
        jar.Update(response.Headers);
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode == HttpStatusCode.Redirect
            && (location == expectedLocation || (expectedLocation != "/" && location.StartsWith(expectedLocation, StringComparison.Ordinal)));
    }

    private static HttpRequestMessage Form(CookieJar jar, string path, string token, (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token))),
        };
        jar.AddTo(request);
        return request;
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
