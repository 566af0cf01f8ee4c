using System.Globalization;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sending;

/// <summary>Fills a policy's templates with the code, the company name and the lifetime.</summary>
internal sealed class MessageComposer(IOptionsMonitor<IdentityTfaOptions> options)
{
    public OutgoingMessage Compose(CodePolicyOptions policy, DeliveryChannel channel, string to, string code)
    {
        var company = options.CurrentValue.CompanyName;
        var minutes = Math.Max(1, (int)Math.Ceiling(policy.Lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        string Fill(string template) => template
            .Replace("{company}", company, StringComparison.Ordinal)
            .Replace("{minutes}", minutes, StringComparison.Ordinal)
            .Replace("{code}", code, StringComparison.Ordinal);

        var subject = channel == DeliveryChannel.Email ? Fill(policy.EmailSubject) : string.Empty;
        return new OutgoingMessage(channel, to, subject, Fill(policy.MessageTemplate));
    }
}
