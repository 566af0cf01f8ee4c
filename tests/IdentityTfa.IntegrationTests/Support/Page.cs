using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>A page as the shopper's browser got it, read the way a person (or screen reader) finds things: by heading, label and button text.</summary>
public sealed class Page(Uri url, int status, IHtmlDocument document)
{
    private static readonly HtmlParser Parser = new();

    public Uri Url { get; } = url;

    public int Status { get; } = status;

    public IHtmlDocument Document { get; } = document;

    public string Path => Url.AbsolutePath;

    public string Heading => Document.QuerySelector("h1")?.TextContent.Trim() ?? string.Empty;

    public string Text => Document.Body?.TextContent ?? string.Empty;

    /// <summary>The text of every element marked role="alert" (errors) on the page.</summary>
    public string Alerts => string.Join(" ", Document.QuerySelectorAll("[role=alert]").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    /// <summary>The text of every element marked role="status" (confirmations) on the page.</summary>
    public string Statuses => string.Join(" ", Document.QuerySelectorAll("[role=status]").Select(e => e.TextContent.Trim()));

    /// <summary>The recovery codes the page shows, if any.</summary>
    public IReadOnlyList<string> RecoveryCodes => Document.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();

    /// <summary>The page's text with runs of white space folded, for matching sentences that span elements.</summary>
    public string FlatText => System.Text.RegularExpressions.Regex.Replace(Text, @"\s+", " ");

    public static Page Parse(Uri url, int status, string html) => new(url, status, Parser.ParseDocument(html));

    /// <summary>The form holding the button with this accessible text.</summary>
    public IHtmlFormElement FormWithButton(string buttonText)
    {
        var button = Buttons().FirstOrDefault(b => AccessibleName(b) == buttonText)
            ?? throw new InvalidOperationException($"No button '{buttonText}' on {Path}. Buttons: {string.Join(", ", Buttons().Select(AccessibleName))}");
        return (IHtmlFormElement?)button.Closest("form") ?? throw new InvalidOperationException($"Button '{buttonText}' is not in a form.");
    }

    public bool HasButton(string buttonText) => Buttons().Any(b => AccessibleName(b) == buttonText);

    public IEnumerable<string> ButtonTexts() => Buttons().Select(AccessibleName);

    /// <summary>What a screen reader reads after the button with this text: the text of the elements its aria-describedby names.</summary>
    public string DescriptionOfButton(string buttonText)
    {
        var button = Buttons().Single(b => AccessibleName(b) == buttonText);
        var ids = (button.GetAttribute("aria-describedby") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" ", ids.Select(id => Document.GetElementById(id)?.TextContent.Trim() ?? $"(no element #{id})"));
    }

    /// <summary>The control a label with this text points at, or null.</summary>
    public IElement? FieldLabelled(string labelText, IElement? within = null)
    {
        var scope = (IParentNode?)within ?? Document;
        var label = scope.QuerySelectorAll("label").FirstOrDefault(l => l.TextContent.Trim() == labelText);
        var id = label?.GetAttribute("for");
        return id is null ? null : Document.GetElementById(id);
    }

    private IEnumerable<IElement> Buttons() => Document.QuerySelectorAll("button, input[type=submit]");

    private static string AccessibleName(IElement button) =>
        button.GetAttribute("aria-label") ?? (button is IHtmlInputElement input ? input.Value : button.TextContent.Trim());
}
