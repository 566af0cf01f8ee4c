using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>One browser using the shop: it follows redirects, keeps cookies and fills forms by their labels.</summary>
public sealed class Shopper(HttpClient client, CookieContainer? cookies = null) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>The cookies this browser holds for the shop.</summary>
    public IReadOnlyList<Cookie> Cookies() => cookies?.GetAllCookies().ToList() ?? throw new InvalidOperationException("This shopper's cookies are not visible.");

    /// <summary>Puts a cookie into this browser, as an attacker who copied it would.</summary>
    public void AddCookie(Cookie cookie) => (cookies ?? throw new InvalidOperationException("This shopper's cookies are not visible.")).Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));

    public async Task<Page> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return Page.Parse(response.RequestMessage!.RequestUri!, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Fills the form that holds <paramref name="button"/> and presses it. Fields are named by their label text (or
    /// their name); a checkbox or radio button is chosen with "true". Hidden fields, the antiforgery token included,
    /// go as the page set them.
    /// </summary>
    public async Task<Page> SubmitAsync(Page page, string button, params (string Field, string Value)[] fields)
    {
        var form = page.FormWithButton(button);
        var byControl = new Dictionary<IElement, string>();
        var byName = new Dictionary<string, string>();
        foreach (var (field, value) in fields)
        {
            if (page.FieldLabelled(field, form) is { } control)
            {
                byControl[control] = value;
            }
            else if (form.QuerySelector($"[name='{field}']") is not null)
            {
                byName[field] = value;
            }
            else
            {
                throw new InvalidOperationException($"The form of '{button}' on {page.Path} has no field '{field}'.");
            }
        }

        var chosenGroups = byControl.Where(c => c.Key.GetAttribute("type") == "radio" && c.Value == "true").Select(c => c.Key.GetAttribute("name")).ToHashSet();
        var values = new List<KeyValuePair<string, string>>();
        var ticked = new HashSet<string>();
        foreach (var control in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = control.GetAttribute("name");
            var type = control.GetAttribute("type")?.ToLowerInvariant();
            if (string.IsNullOrEmpty(name) || type is "submit" or "button")
            {
                continue;
            }

            string? given = byControl.TryGetValue(control, out var v) ? v : byName.TryGetValue(name, out var n) ? n : null;
            if (type is "checkbox" or "radio")
            {
                var chosen = given is not null ? given == "true" : !chosenGroups.Contains(name) && control.HasAttribute("checked");
                if (chosen)
                {
                    values.Add(new(name, control.GetAttribute("value") ?? "on"));
                    ticked.Add(name);
                }

                continue;
            }

            if (type == "hidden" && ticked.Contains(name))
            {
                continue; // The false that ASP.NET adds after a ticked checkbox.
            }

            values.Add(new(name, given ?? control switch
            {
                IHtmlInputElement input => input.Value,
                IHtmlSelectElement select => select.Value ?? string.Empty,
                _ => control.TextContent,
            }));
        }

        // A button with formaction posts the same form elsewhere (another handler), as a browser does.
        var pressed = form.QuerySelectorAll("button, input[type=submit]")
            .FirstOrDefault(b => !b.HasAttribute("hidden") && (b.GetAttribute("aria-label") ?? (b is IHtmlInputElement i ? i.Value : b.TextContent.Trim())) == button);
        var action = pressed?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
        return await PostAsync(target, values);
    }

    public async Task<Page> PostAsync(Uri target, IEnumerable<KeyValuePair<string, string>> values)
    {
        using var content = new FormUrlEncodedContent(values);
        using var response = await Client.PostAsync(target, content);
        return Page.Parse(response.RequestMessage!.RequestUri!, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpStatusCode> StatusOfAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return response.StatusCode;
    }

    public void Dispose() => Client.Dispose();
}
