using System.Globalization;
using System.Net;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.Smtp;
using IdentityTfa.Entities;
using IdentityTfa.Templates;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sending;

/// <summary>
/// Writes the message of a code for its channel, in the user's language (the current UI culture): the policy's own
/// template when one is configured, else the built-in one.
/// </summary>
internal sealed class MessageComposer(IOptionsMonitor<SmtpOptions> smtp)
{
    public OutgoingMessage Compose(TwoFactorOptions tfa, ChallengePurpose purpose, CodePolicyOptions policy, DeliveryChannel channel, string to, string code)
    {
        var language = BuiltInTemplates.LanguageOf(CultureInfo.CurrentUICulture);
        var custom = policy.MessageTemplates.GetValueOrDefault(language) ?? policy.MessageTemplate;
        var set = BuiltInTemplates.For(language, purpose);
        var minutes = Math.Max(1, (int)Math.Ceiling(policy.Lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        string Fill(string template, string codeText) => template
            .Replace("{company}", tfa.CompanyName, StringComparison.Ordinal)
            .Replace("{minutes}", minutes, StringComparison.Ordinal)
            .Replace("{code}", codeText, StringComparison.Ordinal);

        switch (channel)
        {
            case DeliveryChannel.Voice:
                // Read digit by digit, with a pause between them.
                return new OutgoingMessage(channel, to, string.Empty, Fill(set.Voice, string.Join(", ", code.ToCharArray())) , Language: language);
            case DeliveryChannel.Email:
                var subject = Fill(policy.EmailSubject ?? set.EmailSubject, code);
                if (smtp.CurrentValue.CodeInSubject)
                {
                    subject = $"{code} – {subject}";
                }

                var text = Fill(custom ?? set.EmailText, code);
                var html = "<!DOCTYPE html><html><body>" + string.Join(string.Empty, text.Split("\n\n").Select(p =>
                    "<p>" + WebUtility.HtmlEncode(p).Replace(WebUtility.HtmlEncode(code), $"<strong style=\"font-size:1.4em;letter-spacing:.15em\">{WebUtility.HtmlEncode(code)}</strong>", StringComparison.Ordinal) + "</p>")) + "</body></html>";
                return new OutgoingMessage(channel, to, subject, text, html, language);
            default:
                var body = Fill(custom ?? set.Text, code);
                if (purpose == ChallengePurpose.SignIn && !string.IsNullOrEmpty(tfa.WebOtpHost))
                {
                    // WebOTP: lets the browser on the phone offer the code to the page of this host.
                    body += $"\n\n@{tfa.WebOtpHost} #{code}";
                }

                return new OutgoingMessage(channel, to, string.Empty, body, Language: language);
        }
    }
}
