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
    // Notices held while a second step's transaction runs, sent once it has committed (see Hold).
    private List<(string Email, string Subject, string Change, string? IfNotYou)>? _held;

    /// <summary>
    /// Holds the notices sent from now on instead of sending them, until <see cref="SendHeldAsync"/> (after the
    /// transaction that caused them has committed) or <see cref="DropHeld"/> (when it was rolled back): a mail is never
    /// sent from inside a transaction (on SQLite, the writers' turn), nor for a change that was not kept.
    /// </summary>
    internal void Hold() => _held ??= [];

    /// <summary>Forgets the held notices: the change they tell of was rolled back.</summary>
    internal void DropHeld() => _held = null;

    /// <summary>Sends the held notices and stops holding.</summary>
    internal async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        var held = _held;
        _held = null;
        foreach (var (email, subject, change, ifNotYou) in held ?? [])
        {
            await SendAsync(email, subject, change, ifNotYou, cancellationToken);
        }
    }

    public Task SendAsync(string? email, string subject, string change, CancellationToken cancellationToken) =>
        SendAsync(email, subject, change, null, cancellationToken);

    /// <summary>Sends a notice whose advice to a holder who did not make the change is <paramref name="ifNotYou"/> instead of the usual.</summary>
    public async Task SendAsync(string? email, string subject, string change, string? ifNotYou, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        if (_held is not null)
        {
            _held.Add((email, subject, change, ifNotYou));
            return;
        }

        var company = (await policies.GetAsync(cancellationToken)).Options.CompanyName;
        var body = $"{change}\n\nIf you made this change, there is nothing more to do. "
            + (ifNotYou ?? $"If you did not, sign in to {company} now, change your password and check your two-factor settings.");
        var result = await dispatcher.SendAsync(new OutgoingMessage(DeliveryChannel.Email, email, $"{company}: {subject}", body), cancellationToken);
        if (!result.Succeeded)
        {
            TwoFactorLog.NoticeNotSent(logger, subject, result.Error ?? "unknown error");
        }
    }
}
