using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Notices;

/// <summary>
/// The one place that tells the holder by email of every security event, called where its audit event is written.
/// A notice never goes only to an address set within <see cref="TwoFactorOptions.NoticeCopyToPreviousEmail"/>: the
/// address before it gets a copy, so that an attacker who has just swapped in their own address still cannot act
/// unseen. No notice carries a code or a secret; the one link (undoing an email change) goes to the old address only.
/// </summary>
internal sealed class SecurityNotices(
    AccountNoticeSender sender,
    TimeProvider time,
    IOptionsMonitor<TwoFactorOptions> options,
    IHttpContextAccessor http,
    PublicLinks links,
    ILogger<SecurityNotices> logger)
{
    /// <summary>The page the undo link opens.</summary>
    internal const string UndoEmailChangePath = "/Identity/Account/RevertEmailChange";

    public Task TwoFactorOnAsync<TUser>(UserManager<TUser> users, TUser user, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "two-factor sign-in is on", "Two-factor sign-in was turned on for your account: you will be asked for a code when you sign in.", cancellationToken);

    public Task TwoFactorOffAsync<TUser>(UserManager<TUser> users, TUser user, string change, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "two-factor sign-in is off", change, cancellationToken);

    public Task MethodAddedAsync<TUser>(UserManager<TUser> users, TUser user, DeliveryChannel channel, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "a sign-in method was added", $"{DeliveryChannelNames.MethodWords(channel)} were added to your account's two-factor sign-in.", cancellationToken);

    public Task MethodRemovedAsync<TUser>(UserManager<TUser> users, TUser user, DeliveryChannel channel, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "a sign-in method was removed", $"{DeliveryChannelNames.MethodWords(channel)} were removed from your account's two-factor sign-in.", cancellationToken);

    public Task PasskeyAddedAsync<TUser>(UserManager<TUser> users, TUser user, string? name, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "a passkey was added", $"A passkey (\"{name}\") was added to your account's two-factor sign-in.", cancellationToken);

    public Task PasskeyRemovedAsync<TUser>(UserManager<TUser> users, TUser user, string? name, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "a passkey was removed", $"A passkey (\"{name}\") was removed from your account's two-factor sign-in.", cancellationToken);

    public Task PhoneChangedAsync<TUser>(UserManager<TUser> users, TUser user, string previous, string current, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "your phone number changed",
            $"The phone number for two-factor sign-in was changed from {MaskedDestination.Phone(previous)} to {MaskedDestination.Phone(current)}.", cancellationToken);

    public Task RecoveryCodeUsedAsync<TUser>(UserManager<TUser> users, TUser user, int left, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "a recovery code was used",
            $"A recovery code was used to sign in to your account. {left} unused recovery code{(left == 1 ? " is" : "s are")} left.", cancellationToken);

    public Task RecoveryCodesMadeAsync<TUser>(UserManager<TUser> users, TUser user, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "new recovery codes were made", "A new set of recovery codes was made for your account; the earlier codes no longer work.", cancellationToken);

    public Task PasswordChangedAsync<TUser>(UserManager<TUser> users, TUser user, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "your password changed", "The password of your account was changed.", cancellationToken);

    public Task PasswordResetAsync<TUser>(UserManager<TUser> users, TUser user, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "your password was reset", "The password of your account was reset with a link sent by email.", cancellationToken);

    public Task EmailChangeUndoneAsync<TUser>(UserManager<TUser> users, TUser user, IReadOnlyList<DeliveryChannel> removed, bool recoveryCodesRemoved, CancellationToken cancellationToken)
        where TUser : class
    {
        var change = "The change of your account's email address was undone: this address is the account's again, every browser and app was signed out, "
            + "trusted browsers were forgotten and the password was cleared. Set a new one with \"Forgot your password?\".";
        if (removed.Count > 0)
        {
            change += $" Sign-in methods turned on after the change were removed: {string.Join(", ", removed.Select(DeliveryChannelNames.Name))}.";
        }

        if (recoveryCodesRemoved)
        {
            change += " The recovery codes made after the change were removed; make a new set once you are signed in.";
        }

        return SendAsync(users, user, "the email change was undone", change, cancellationToken);
    }

    public Task DeviceTrustedAsync<TUser>(UserManager<TUser> users, TUser user, string deviceName, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, "a new browser is trusted", $"A browser ({deviceName}) was trusted: it skips the code at sign-in until it is revoked or expires.", cancellationToken);

    public Task AdminChangeAsync<TUser>(UserManager<TUser> users, TUser user, string subject, string change, CancellationToken cancellationToken)
        where TUser : class =>
        SendAsync(users, user, subject, change, cancellationToken);

    /// <summary>
    /// Called once the account's email is <paramref name="current"/> instead of <paramref name="previous"/>: remembers the
    /// old address and the time, and mails the old address a single-use link that undoes the change.
    /// </summary>
    public async Task EmailChangedAsync<TUser>(UserManager<TUser> users, TUser user, string previous, string current, CancellationToken cancellationToken)
        where TUser : class
    {
        var now = time.GetUtcNow();
        var lifetime = options.CurrentValue.EmailChangeUndoLifetime;
        var recipients = await RecipientsAsync(users, user, previous, now);
        var token = await EmailHistory.NewUndoTokenAsync(users, user, previous, now, lifetime);
        await EmailHistory.RecordChangeAsync(users, user, previous, now);

        string ifNotYou;
        if (token is not null && http.HttpContext?.Request is { } request)
        {
            var link = links.For(request, $"{UndoEmailChangePath}?userId={Uri.EscapeDataString(await users.GetUserIdAsync(user))}&token={token}");
            ifNotYou = $"If you did not, follow this link by {(now + lifetime):yyyy-MM-dd HH:mm} UTC to undo it (it works once): {link}\n\n"
                + "It gives the address back to you, signs out every browser and app, forgets trusted browsers and clears the password, so that you set a new one with \"Forgot your password?\".";
            TwoFactorLog.EmailChanged(logger, now + lifetime);
        }
        else
        {
            ifNotYou = "If you did not, use the link in the first mail about a change of your email, or reset your password with \"Forgot your password?\" now.";
        }

        foreach (var recipient in recipients)
        {
            await sender.SendAsync(recipient, "your email address changed",
                $"The email address of your account was changed to {MaskedDestination.Email(current)}.", ifNotYou, cancellationToken);
        }
    }

    private async Task SendAsync<TUser>(UserManager<TUser> users, TUser user, string subject, string change, CancellationToken cancellationToken)
        where TUser : class
    {
        foreach (var recipient in await RecipientsAsync(users, user, await users.GetEmailAsync(user), time.GetUtcNow()))
        {
            await sender.SendAsync(recipient, subject, change, cancellationToken);
        }
    }

    // The address, and the one before it while the change is recent.
    private async Task<IReadOnlyList<string>> RecipientsAsync<TUser>(UserManager<TUser> users, TUser user, string? email, DateTimeOffset now)
        where TUser : class
    {
        var recipients = new List<string>();
        if (!string.IsNullOrEmpty(email))
        {
            recipients.Add(email);
        }

        if (await EmailHistory.PreviousAsync(users, user) is { } previous
            && now - previous.ChangedAt < options.CurrentValue.NoticeCopyToPreviousEmail
            && !recipients.Contains(previous.Email, StringComparer.OrdinalIgnoreCase))
        {
            recipients.Add(previous.Email);
        }

        return recipients;
    }

}
