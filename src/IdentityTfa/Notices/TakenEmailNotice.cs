using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using IdentityTfa.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Notices;

/// <summary>
/// Tells the holder of an address that someone tried to register with it through the token API: the API answers that
/// attempt as it answers a new account, so this mail is the only place the truth is told, and only to the holder.
/// </summary>
internal sealed class TakenEmailNotice(
    IMessageDispatcher dispatcher,
    ISitePolicyStore policies,
    PublicLinks links,
    ILogger<TakenEmailNotice> logger)
{
    private const string Subject = "Someone tried to create an account with your email";

    public async Task SendAsync(string email, HttpRequest request, CancellationToken cancellationToken)
    {
        var company = (await policies.GetAsync(cancellationToken)).Options.CompanyName;
        var body = $"Someone tried to create an account at {company} with this email address, which already has an account. No second account was made.\n\n"
            + $"If it was you, sign in, or reset your password if you have forgotten it: {links.For(request, "/")}\n\nIf it was not you, there is nothing to do.";
        var result = await dispatcher.SendAsync(new OutgoingMessage(DeliveryChannel.Email, email, $"{company}: {Subject}", body), cancellationToken);
        if (!result.Succeeded)
        {
            TwoFactorLog.NoticeNotSent(logger, Subject, result.Error ?? "unknown error");
        }
    }
}
