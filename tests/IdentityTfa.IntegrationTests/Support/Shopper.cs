using System.Net;
using AngleSharp.Html.Dom;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>One browser using the shop: it follows redirects, keeps cookies and fills forms by their labels.</summary>
public sealed class Shopper(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<Page> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return Page.Parse(response.RequestMessage!.RequestUri!, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Fills the form that holds <paramref name="button"/> and presses it. Fields are named by their label text (or
    /// their name); a checkbox is ticked with "true". Hidden fields, the antiforgery token included, go as the page set them.
    /// </summary>
    public async Task<Page> SubmitAsync(Page page, string button, params (string Field, string Value)[] fields)
    {
        var form = page.FormWithButton(button);
        var values = new List<KeyValuePair<string, string>>();
        var overrides = fields.ToDictionary(
            f => page.FieldLabelled(f.Field, form)?.GetAttribute("name") ?? f.Field,
            f => f.Value);
        var ticked = new HashSet<string>();

        foreach (var control in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = control.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var type = control.GetAttribute("type")?.ToLowerInvariant();
            if (type is "submit" or "button")
            {
                continue;
            }

            if (type == "checkbox")
            {
                var check = overrides.TryGetValue(name, out var v) ? v == "true" : control.HasAttribute("checked");
                if (check)
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

            values.Add(new(name, overrides.TryGetValue(name, out var value) ? value : (control as IHtmlInputElement)?.Value ?? control.TextContent));
            overrides.Remove(name);
        }

        foreach (var missing in overrides.Where(o => !ticked.Contains(o.Key)))
        {
            if (form.QuerySelector($"[name='{missing.Key}']") is null)
            {
                throw new InvalidOperationException($"The form of '{button}' on {page.Path} has no field '{missing.Key}'.");
            }
        }

        var action = form.GetAttribute("action");
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
