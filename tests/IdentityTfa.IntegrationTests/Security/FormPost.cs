using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>A form's fields as the page set them (antiforgery token included), to post with one field changed as a hand-made request would.</summary>
public static class FormPost
{
    /// <summary>The values a browser would send for this form without anyone touching it; checkboxes as ticked on the page.</summary>
    public static List<KeyValuePair<string, string>> DefaultValues(IElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var control in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = control.GetAttribute("name");
            var type = control.GetAttribute("type")?.ToLowerInvariant();
            if (string.IsNullOrEmpty(name) || type is "submit" or "button" or "file")
            {
                continue;
            }

            if (type is "checkbox" or "radio")
            {
                if (control.HasAttribute("checked"))
                {
                    values.Add(new(name, control.GetAttribute("value") ?? "on"));
                }

                continue;
            }

            values.Add(new(name, control switch
            {
                IHtmlInputElement input => input.Value,
                IHtmlSelectElement select => select.Value ?? string.Empty,
                _ => control.TextContent,
            }));
        }

        return values;
    }

    /// <summary>The form's values with every value of <paramref name="field"/> replaced by <paramref name="value"/>.</summary>
    public static List<KeyValuePair<string, string>> With(IEnumerable<KeyValuePair<string, string>> values, string field, string value)
    {
        var changed = values.Where(v => v.Key != field).ToList();
        changed.Add(new(field, value));
        return changed;
    }

    /// <summary>Where the form posts to, from the page it is on.</summary>
    public static Uri Target(Page page, IElement form)
    {
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
    }

    /// <summary>Posts the form that holds <paramref name="field"/> with that one field set to <paramref name="value"/>.</summary>
    public static Task<Page> PostFieldAsync(this Shopper shopper, Page page, string field, string value)
    {
        var form = page.Document.QuerySelector($"[name='{field}']")?.Closest("form")
            ?? throw new InvalidOperationException($"No field '{field}' in a form on {page.Path}.");
        return shopper.PostAsync(Target(page, form), With(DefaultValues(form), field, value));
    }
}
