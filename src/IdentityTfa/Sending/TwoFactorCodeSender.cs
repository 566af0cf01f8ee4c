using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Logging;
using IdentityTfa.Methods;
using IdentityTfa.Policy;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Sending;

/// <summary>
/// Sends codes through Identity's own token API, so that the code is issued by the registered token provider,
/// and never to a locked-out account.
/// </summary>
internal sealed class TwoFactorCodeSender<TUser>(
    UserManager<TUser> users,
    ChallengeStore challenges,
    TwoFactorMethodStore methods,
    LastSignInMethod<TUser> lastMethod,
    CodeDelivery delivery,
    ISitePolicyStore policies,
    TimeProvider time,
    ILogger<TwoFactorCodeSender<TUser>> logger) : ITwoFactorCodeSender<TUser>
    where TUser : class
{
    public async Task<IReadOnlyList<SignInChannel>> GetSignInChannelsAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(user);
        var result = new List<SignInChannel>();

        // A method the site policy does not allow this user is neither offered nor sent to, on the page or by the API.
        var allowed = await SiteMethods.AllowedForAsync(users, user, await policies.GetAsync(cancellationToken));
        foreach (var method in (await methods.GetAsync(userId, cancellationToken)).Where(m => allowed.Contains(m.Channel)))
        {
            var destination = await ConfirmedDestinationAsync(user, method.Channel);
            if (destination is not null)
            {
                result.Add(new SignInChannel(method.Channel, MaskedDestination.For(method.Channel, destination), method.IsPreferred));
            }
        }

        // The method of the last sign-in is what the next one opens on, while it is still enrolled and allowed.
        if (result.Count > 1 && await lastMethod.GetAsync(user, cancellationToken) is { } last && result.Any(c => c.Channel == last))
        {
            return result.Select(c => c with { IsPreferred = c.Channel == last }).ToList();
        }

        if (result.Count > 0 && !result.Any(c => c.IsPreferred))
        {
            result[0] = result[0] with { IsPreferred = true };
        }

        return result;
    }

    public async Task<SendCodeResult> SendSignInCodeAsync(TUser user, DeliveryChannel? channel, CancellationToken cancellationToken = default)
    {
        var available = await GetSignInChannelsAsync(user, cancellationToken);
        // A passkey is asked for by the browser, never sent: without a channel named, the preferred way that has codes.
        var codeChannels = available.Where(c => c.Channel != DeliveryChannel.Passkey).ToList();
        var chosen = channel is null
            ? codeChannels.FirstOrDefault(c => c.IsPreferred) ?? codeChannels.FirstOrDefault()
            : codeChannels.FirstOrDefault(c => c.Channel == channel);
        if (chosen is null)
        {
            return new SendCodeResult.ChannelUnavailable();
        }

        if (chosen.Channel == DeliveryChannel.Authenticator)
        {
            return await OpenAuthenticatorChallengeAsync(user, cancellationToken);
        }

        var alsoTo = new List<CodeDelivery.AlsoTo>();
        if ((await policies.GetAsync(cancellationToken)).Options.SendToEveryChannel)
        {
            foreach (var other in available.Where(c => c.Channel != chosen.Channel && MessageChannels.Includes(c.Channel)))
            {
                alsoTo.Add(new CodeDelivery.AlsoTo(other.Channel, (await ConfirmedDestinationAsync(user, other.Channel))!, other.MaskedDestination));
            }
        }

        return await SendAsync(
            user,
            ChallengePurpose.SignIn,
            TokenPurposes.TwoFactor,
            chosen.Channel,
            (await ConfirmedDestinationAsync(user, chosen.Channel))!,
            () => users.GenerateTwoFactorTokenAsync(user, TwoFactorProviderNames.For(chosen.Channel)),
            alsoTo,
            cancellationToken);
    }

    public async Task<ActiveChallenge?> GetPendingSignInCodeAsync(TUser user, CancellationToken cancellationToken = default) =>
        await challenges.FindActiveAsync(await users.GetUserIdAsync(user), TokenPurposes.TwoFactor, cancellationToken);

    public async Task<DeliveryChannel?> GetPendingSignInChannelAsync(TUser user, CancellationToken cancellationToken = default) =>
        await challenges.FindWaitingChannelAsync(await users.GetUserIdAsync(user), TokenPurposes.TwoFactor, cancellationToken);

    public Task<SendCodeResult> SendPhoneVerificationCodeAsync(TUser user, string phoneNumber, DeliveryChannel channel = DeliveryChannel.Sms, CancellationToken cancellationToken = default) =>
        SendAsync(
            user,
            ChallengePurpose.PhoneVerification,
            TokenPurposes.ChangePhoneNumberPrefix + phoneNumber,
            channel,
            phoneNumber,
            () => users.GenerateUserTokenAsync(user, TwoFactorProviderNames.For(channel), TokenPurposes.ChangePhoneNumberPrefix + phoneNumber),
            [],
            cancellationToken);

    /// <summary>
    /// An address that another account holds gets no mail, yet the answer is that of a sent code, so that adding an
    /// address does not tell whether it has an account; the withheld code cannot be entered, and confirming the address
    /// would be refused anyway, since an email belongs to one account.
    /// </summary>
    public async Task<SendCodeResult> SendEmailVerificationCodeAsync(TUser user, string email, CancellationToken cancellationToken = default) =>
        await SendAsync(
            user,
            ChallengePurpose.EmailVerification,
            TokenPurposes.VerifyEmail(email),
            DeliveryChannel.Email,
            email,
            () => users.GenerateUserTokenAsync(user, TwoFactorProviderNames.Email, TokenPurposes.VerifyEmail(email)),
            [],
            cancellationToken,
            withhold: await IsAnotherAccountsAsync(user, email));

    private async Task<bool> IsAnotherAccountsAsync(TUser user, string email) =>
        users.SupportsUserEmail && await users.FindByEmailAsync(email) is { } owner
        && await users.GetUserIdAsync(owner) != await users.GetUserIdAsync(user);

    private async Task<SendCodeResult> SendAsync(
        TUser user,
        ChallengePurpose purpose,
        string tokenPurpose,
        DeliveryChannel channel,
        string destination,
        Func<Task<string>> issueCode,
        IReadOnlyList<CodeDelivery.AlsoTo> alsoTo,
        CancellationToken cancellationToken,
        bool withhold = false)
    {
        if (users.SupportsUserLockout && await users.IsLockedOutAsync(user))
        {
            var until = await users.GetLockoutEndDateAsync(user) ?? time.GetUtcNow();
            TwoFactorLog.SendRefusedLockedOut(logger, purpose, until);
            return new SendCodeResult.LockedOut(until);
        }

        var failoverEmail = purpose == ChallengePurpose.SignIn ? await ConfirmedDestinationAsync(user, DeliveryChannel.Email) : null;
        return await delivery.SendAsync(await users.GetUserIdAsync(user), purpose, tokenPurpose, channel, destination, issueCode, alsoTo, failoverEmail, cancellationToken, withhold);
    }

    /// <summary>
    /// Signing in with the authenticator app sends nothing: it opens a challenge of that channel, which the app's codes
    /// are then checked under, with the attempt limit and verify rate of any code. Never for a locked-out account.
    /// </summary>
    private async Task<SendCodeResult> OpenAuthenticatorChallengeAsync(TUser user, CancellationToken cancellationToken)
    {
        if (users.SupportsUserLockout && await users.IsLockedOutAsync(user))
        {
            var until = await users.GetLockoutEndDateAsync(user) ?? time.GetUtcNow();
            TwoFactorLog.SendRefusedLockedOut(logger, ChallengePurpose.SignIn, until);
            return new SendCodeResult.LockedOut(until);
        }

        await users.GenerateTwoFactorTokenAsync(user, TwoFactorProviderNames.Authenticator);
        var opened = await challenges.FindActiveAsync(await users.GetUserIdAsync(user), TokenPurposes.TwoFactor, cancellationToken);
        return new SendCodeResult.Sent(DeliveryChannel.Authenticator, string.Empty, opened?.ExpiresAt ?? time.GetUtcNow(), []);
    }

    private Task<string?> ConfirmedDestinationAsync(TUser user, DeliveryChannel channel) => ConfirmedDestinations.GetAsync(users, user, channel);
}
