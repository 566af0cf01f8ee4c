using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// The rule "no 500, ever": the shop is crawled as a visitor, a shopper with two-factor sign-in on and an admin, and
/// every form field, query parameter and JSON property it serves gets hostile values.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class HostileInputTests(SecurityFigures figures)
{
    private const int PagesPerVisitor = 40;

    /// <summary>Over-long, not a number, out of range, not a bool, Unicode beyond the BMP, a NUL.</summary>
    private static readonly string[] Hostile = [new string('a', 10_000), "1e999", "-1", "maybe", "jäne😀", "\0"];

    /// <summary>The same as JSON values, with the wrong types JSON allows on top.</summary>
    private static readonly string[] HostileJson =
        [JsonSerializer.Serialize(new string('a', 10_000)), "1e999", "-1", "true", "\"jäne😀\"", "\"\\u0000\"", "{}", "[]", "null"];

    private static readonly string[] QueryNames = ["returnUrl", "id", "userId", "code", "page", "handler", "culture", "q", "email"];

    private readonly List<string> _failures = [];
    private readonly HashSet<string> _formsPosted = [];
    private int _requests;

    [Fact]
    public async Task No_hostile_value_in_any_field_parameter_or_JSON_property_gets_a_500()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:VerifyRate"] = "100000/1m" });
        using var visitor = shop.NewShopper();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();
        await shopper.SignInWithCodeAsync(shop, Email);
        using var admin = await shop.SignedInAdminAsync();

        await CrawlAsync(visitor, "/", "/Identity/Account/Login", "/Identity/Account/Register");
        await CrawlAsync(shopper, "/", "/Identity/Account/Manage", "/Identity/Account/Manage/TwoFactorAuthentication");
        await CrawlAsync(admin, "/", "/Admin");
        await PostHostileJsonAsync(shop);

        figures.Set("bad_input.requests_sent", _requests);
        figures.Set("bad_input.500s_seen", _failures.Count);
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {_requests} requests answered 5xx:\n" + string.Join("\n", _failures.Distinct().Take(40)));
    }

    private async Task CrawlAsync(Shopper browser, params string[] start)
    {
        var queue = new Queue<string>(start);
        var seen = new HashSet<string>(start);
        var visited = 0;
        while (queue.Count > 0 && visited++ < PagesPerVisitor)
        {
            var path = queue.Dequeue();
            var page = await GetAsync(browser, path);
            if (page is null || page.Status >= 400)
            {
                continue;
            }

            foreach (var link in SameOriginLinks(page).Where(seen.Add))
            {
                queue.Enqueue(link);
            }

            await GetWithHostileQueryAsync(browser, page);
            foreach (var form in page.Document.QuerySelectorAll("form[method=post], form[method=POST]"))
            {
                await PostHostileFormAsync(browser, page, form);
            }
        }
    }

    private static IEnumerable<string> SameOriginLinks(Page page) =>
        page.Document.QuerySelectorAll("a[href]")
            .Select(a => Uri.TryCreate(page.Url, a.GetAttribute("href"), out var uri) ? uri : null)
            .Where(uri => uri is not null && uri.Host == page.Url.Host && uri.Scheme == page.Url.Scheme)
            .Select(uri => uri!.PathAndQuery)
            .Where(path => !path.StartsWith("/_content/", StringComparison.Ordinal) && !path.StartsWith("/lib/", StringComparison.Ordinal)
                && !path.Contains("Logout", StringComparison.OrdinalIgnoreCase) && !Path.HasExtension(path.Split('?')[0]));

    private async Task GetWithHostileQueryAsync(Shopper browser, Page page)
    {
        var existing = System.Web.HttpUtility.ParseQueryString(page.Url.Query).AllKeys.OfType<string>();
        var names = existing.Concat(QueryNames).Distinct().ToList();
        foreach (var value in Hostile)
        {
            var query = string.Join("&", names.Select(n => $"{Uri.EscapeDataString(n)}={Uri.EscapeDataString(value)}"));
            await GetAsync(browser, $"{page.Path}?{query}");
        }
    }

    private async Task PostHostileFormAsync(Shopper browser, Page page, IElement form)
    {
        var defaults = FormPost.DefaultValues(form);
        var fields = form.QuerySelectorAll("input, textarea, select")
            .Select(c => c.GetAttribute("name"))
            .Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken")
            .Distinct()
            .ToList();
        if (fields.Count == 0)
        {
            return; // Nothing to put a value into (sign out, revoke all): pressing it proves nothing about input.
        }

        // Each submit button posts the form to its own handler, with its own name and value.
        var targets = form.QuerySelectorAll("button, input[type=submit]")
            .Where(b => b.GetAttribute("type") is null or "submit")
            .Select(b => (Action: b.GetAttribute("formaction"), Name: b.GetAttribute("name"), Value: b.GetAttribute("value") ?? string.Empty))
            .DefaultIfEmpty((null, null, string.Empty))
            .Distinct()
            .Take(3);
        foreach (var (action, name, value) in targets)
        {
            var target = action is null ? FormPost.Target(page, form) : new Uri(page.Url, action);

            // A form in the layout (the language switch) is on every page: once is enough.
            if (!_formsPosted.Add($"{target.AbsolutePath} {name}={value} {string.Join(',', fields.Order())}"))
            {
                continue;
            }

            var pressed = name is null ? defaults : FormPost.With(defaults, name, value);
            foreach (var field in fields)
            {
                foreach (var hostile in Hostile)
                {
                    await PostAsync(browser, target, FormPost.With(pressed, field!, hostile), $"{field}={Describe(hostile)}");
                }
            }
        }
    }

    private async Task PostHostileJsonAsync(ShopFactory shop)
    {
        using var client = shop.CreateClient();
        await shop.CreateAccountAsync("plain@example.com", null);
        var token = await TokenAsync(client);
        using var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var root = openApi.RootElement;
        foreach (var path in root.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/auth", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var properties = RequestProperties(root, operation.Value);
                // Route parameters ({id}) get hostile values too; not a NUL, which no HTTP client sends in a path (Kestrel refuses it with 400).
                foreach (var hostile in Hostile.Where(h => !h.Contains('\0', StringComparison.Ordinal)))
                {
                    var url = System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{[^}]+\}", Uri.EscapeDataString(hostile));
                    await SendJsonAsync(client, method, url, properties.Count == 0 ? null : "{}", token);
                }

                foreach (var property in properties)
                {
                    foreach (var hostile in HostileJson)
                    {
                        var body = "{" + string.Join(",", properties.Select(p => $"\"{p}\":{(p == property ? hostile : "\"x\"")}")) + "}";
                        var url = System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{[^}]+\}", Guid.Empty.ToString());
                        await SendJsonAsync(client, method, url, body, null);
                        await SendJsonAsync(client, method, url, body, token);
                    }
                }
            }
        }
    }

    private static List<string> RequestProperties(JsonElement root, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body)
            || !body.GetProperty("content").TryGetProperty("application/json", out var json)
            || !json.TryGetProperty("schema", out var schema))
        {
            return [];
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        using var body = new StringContent($"{{\"email\":\"plain@example.com\",\"password\":\"{Journeys.Password}\"}}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/auth/token", body);
        using var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return tokens.RootElement.GetProperty("accessToken").GetString()!;
    }

    private async Task SendJsonAsync(HttpClient client, HttpMethod method, string url, string? body, string? token)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        Count($"{method} {url} {Describe(body ?? string.Empty)}", (int)response.StatusCode);
    }

    private async Task<Page?> GetAsync(Shopper browser, string url)
    {
        var page = await browser.GetAsync(url);
        Count($"GET {Describe(url)}", page.Status);
        return page;
    }

    private async Task PostAsync(Shopper browser, Uri target, List<KeyValuePair<string, string>> values, string what)
    {
        var page = await browser.PostAsync(target, values);
        Count($"POST {target.PathAndQuery} {what}", page.Status);
    }

    private void Count(string what, int status)
    {
        _requests++;
        if (status >= 500)
        {
            _failures.Add($"{status} {what}");
        }
    }

    private static string Describe(string value) =>
        (value.Length > 80 ? value[..60] + $"…({value.Length} chars)" : value).Replace("\0", "\\0", StringComparison.Ordinal);
}
