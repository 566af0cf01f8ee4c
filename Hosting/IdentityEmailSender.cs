using System.Net;
using System.Text.RegularExpressions;
using IdentityTfa.Delivery;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace IdentityTfa.Shop.Hosting;

/// <summary>Sends Identity UI's mails (account confirmation, password reset) through IdentityTfa's email provider, as plain text.</summary>
public sealed partial class IdentityEmailSender(IMessageDispatcher dispatcher, ILogger<IdentityEmailSender> logger) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var result = await dispatcher.SendAsync(new OutgoingMessage(DeliveryChannel.Email, email, subject, ToText(htmlMessage)));
        if (!result.Succeeded)
        {
            LogNotSent(logger, subject, result.Error ?? "unknown error");
        }
    }

    /// <summary>Identity UI writes links as &lt;a href='…'&gt;text&lt;/a&gt;; the text version spells each link out.</summary>
    internal static string ToText(string html)
    {
        var withLinks = AnchorPattern().Replace(html, match => $"{match.Groups["text"].Value}: {match.Groups["href"].Value}");
        return WebUtility.HtmlDecode(TagPattern().Replace(withLinks, string.Empty)).Trim();
    }

    [GeneratedRegex("<a\\s+href=['\"](?<href>[^'\"]*)['\"][^>]*>(?<text>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex AnchorPattern();

    [GeneratedRegex("<[^>]+>", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex TagPattern();

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Could not send the account mail '{Subject}': {Error}")]
    private static partial void LogNotSent(ILogger logger, string subject, string error);
}
