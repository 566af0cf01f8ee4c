using IdentityTfa.Policy;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Notices;

/// <summary>Tells the account's owner by email when its second factor changes, so a change they did not make does not go unseen.</summary>
internal sealed class AccountNoticeSender(
    IMessageDispatcher dispatcher,
    ISitePolicyStore policies,
    ILogger<AccountNoticeSender> logger)
{
    public Task SendAsync(string? email, string subject, string change, CancellationToken cancellationToken) =>
        SendAsync(email, subject, change, null, cancellationToken);

    /// <summary>Sends a notice whose advice to a holder who did not make the change is <paramref name="ifNotYou"/> instead of the usual.</summary>
    public async Task SendAsync(string? email, string subject, string change, string? ifNotYou, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var company = (await policies.GetAsync(cancellationToken)).Options.CompanyName;
        var body = $"{change}\n\nIf you made this change, there is nothing more to do. "
            + (ifNotYou ?? $"If you did not, sign in to {company} now, change your password and check your two-factor settings.");
        var result = await dispatcher.SendAsync(new OutgoingMessage(DeliveryChannel.Email, email, $"{company}: {subject}", body), cancellationToken);
        if (!result.Succeeded)
        {
            IdentityTfaLog.NoticeNotSent(logger, subject, result.Error ?? "unknown error");
        }
    }
}
