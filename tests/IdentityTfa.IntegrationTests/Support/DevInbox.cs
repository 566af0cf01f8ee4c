using System.Text.RegularExpressions;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>Reads messages where a developer would: the /dev/inbox page.</summary>
public static partial class DevInbox
{
    public static async Task<IReadOnlyList<(string To, string Subject, string Body)>> MessagesAsync(Shopper reader, string? to = null)
    {
        var page = await reader.GetAsync(to is null ? "/dev/inbox" : $"/dev/inbox?to={Uri.EscapeDataString(to)}");
        return page.Document.QuerySelectorAll("li.message")
            .Select(m => (
                m.QuerySelector(".to")?.TextContent ?? string.Empty,
                m.QuerySelector(".subject")?.TextContent ?? string.Empty,
                m.QuerySelector(".body")?.TextContent ?? string.Empty))
            .ToList();
    }

    /// <summary>The code in the newest message to <paramref name="to"/>.</summary>
    public static async Task<string> LatestCodeAsync(Shopper reader, string to)
    {
        var message = (await MessagesAsync(reader, to)).FirstOrDefault(m => m.To == to);
        Assert.False(message == default, $"No message to {to} in the development inbox.");
        return CodePattern().Match(message.Body).Value;
    }

    public static async Task<int> CountToAsync(Shopper reader, string to) =>
        (await MessagesAsync(reader)).Count(m => m.To == to);

    /// <summary>The first link in the newest message to <paramref name="to"/>.</summary>
    public static async Task<string> LatestLinkAsync(Shopper reader, string to)
    {
        var message = (await MessagesAsync(reader)).First(m => m.To == to);
        return LinkPattern().Match(message.Body).Value;
    }

    /// <summary>The newest message to <paramref name="to"/> whose subject contains <paramref name="subject"/>, or null.</summary>
    public static async Task<(string To, string Subject, string Body)?> LatestWithSubjectAsync(Shopper reader, string to, string subject)
    {
        var found = (await MessagesAsync(reader)).FirstOrDefault(m => m.To == to && m.Subject.Contains(subject, StringComparison.Ordinal));
        return found == default ? null : found;
    }

    [GeneratedRegex(@"\b[0-9A-Z]{6}\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
