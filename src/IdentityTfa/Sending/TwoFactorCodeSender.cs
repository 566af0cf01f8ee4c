using IdentityTfa.Challenges;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Data;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using IdentityTfa.Methods;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sending;

/// <summary>
/// Sends codes through Identity's own token API (so the code is issued by the registered provider) and then
/// through the channel's message provider. A code that could not be delivered is discarded at once.
/// </summary>
internal sealed class TwoFactorCodeSender<TUser>(
    UserManager<TUser> users,
    ChallengeStore challenges,
    TwoFactorMethodStore methods,
    MessageComposer composer,
    MessageChannelRouter router,
    IOptionsMonitor<IdentityTfaOptions> options,
    TimeProvider time,
    ILogger<TwoFactorCodeSender<TUser>> logger) : ITwoFactorCodeSender<TUser>
    where TUser : class
{
    public async Task<IReadOnlyList<SignInChannel>> GetSignInChannelsAsync(TUser user, CancellationToken cancellationToken = default)
    {
        var userId = await users.GetUserIdAsync(user);
        var result = new List<SignInChannel>();
        foreach (var method in await methods.GetAsync(userId, cancellationToken))
        {
            var destination = await ConfirmedDestinationAsync(user, method.Channel);
            if (destination is not null)
            {
                result.Add(new SignInChannel(method.Channel, MaskedDestination.For(method.Channel, destination), method.IsPreferred));
            }
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
        var chosen = channel is null ? available.FirstOrDefault(c => c.IsPreferred) : available.FirstOrDefault(c => c.Channel == channel);
        if (chosen is null)
        {
            return new SendCodeResult.ChannelUnavailable();
        }

        var destination = (await ConfirmedDestinationAsync(user, chosen.Channel))!;
        var others = options.CurrentValue.SendToEveryChannel ? available.Where(c => c.Channel != chosen.Channel).ToList() : [];
        return await SendAsync(
            user,
            ChallengePurpose.SignIn,
            TokenPurposes.TwoFactor,
            chosen.Channel,
            destination,
            () => users.GenerateTwoFactorTokenAsync(user, TwoFactorProviderNames.For(chosen.Channel)),
            others,
            cancellationToken);
    }

    public async Task<ActiveChallenge?> GetPendingSignInCodeAsync(TUser user, CancellationToken cancellationToken = default) =>
        await challenges.FindActiveAsync(await users.GetUserIdAsync(user), TokenPurposes.TwoFactor, cancellationToken);

    public Task<SendCodeResult> SendPhoneVerificationCodeAsync(TUser user, string phoneNumber, CancellationToken cancellationToken = default) =>
        SendAsync(
            user,
            ChallengePurpose.PhoneVerification,
            TokenPurposes.ChangePhoneNumberPrefix + phoneNumber,
            DeliveryChannel.Sms,
            phoneNumber,
            () => users.GenerateChangePhoneNumberTokenAsync(user, phoneNumber),
            [],
            cancellationToken);

    public Task<SendCodeResult> SendEmailVerificationCodeAsync(TUser user, string email, CancellationToken cancellationToken = default) =>
        SendAsync(
            user,
            ChallengePurpose.EmailVerification,
            TokenPurposes.VerifyEmail(email),
            DeliveryChannel.Email,
            email,
            () => users.GenerateUserTokenAsync(user, TwoFactorProviderNames.Email, TokenPurposes.VerifyEmail(email)),
            [],
            cancellationToken);

    private async Task<SendCodeResult> SendAsync(
        TUser user,
        ChallengePurpose kind,
        string purpose,
        DeliveryChannel channel,
        string destination,
        Func<Task<string>> issueCode,
        IReadOnlyList<SignInChannel> alsoTo,
        CancellationToken cancellationToken)
    {
        if (users.SupportsUserLockout && await users.IsLockedOutAsync(user))
        {
            var until = await users.GetLockoutEndDateAsync(user) ?? time.GetUtcNow();
            IdentityTfaLog.SendRefusedLockedOut(logger, kind, until);
            return new SendCodeResult.LockedOut(until);
        }

        var policy = options.CurrentValue.Policies.For(kind);
        var userId = await users.GetUserIdAsync(user);
        var now = time.GetUtcNow();
        if (await challenges.LastSentAtAsync(userId, purpose, cancellationToken) is { } lastSent && now < lastSent + policy.ResendCooldown)
        {
            IdentityTfaLog.SendTooSoon(logger, kind, (int)(now - lastSent).TotalSeconds);
            return new SendCodeResult.TooSoon(lastSent + policy.ResendCooldown - now);
        }

        var provider = router.For(channel);
        if (provider is null)
        {
            IdentityTfaLog.NoProvider(logger, channel);
            return new SendCodeResult.DeliveryFailed("We cannot send codes this way right now. Please choose another way or try again later.");
        }

        var code = await issueCode();
        var pending = await challenges.FindActiveAsync(userId, purpose, cancellationToken)
            ?? throw new InvalidOperationException("The token provider issued no challenge.");

        var delivery = await provider.SendAsync(composer.Compose(policy, channel, destination, code), cancellationToken);
        if (!delivery.Succeeded)
        {
            IdentityTfaLog.DeliveryFailed(logger, kind, channel, provider.ProviderName, delivery.Error ?? "unknown error", pending.Id);
            await challenges.DiscardAsync(pending.Id, cancellationToken);
            return new SendCodeResult.DeliveryFailed(delivery.Error ?? "We could not send the code. Please try again.");
        }

        IdentityTfaLog.CodeSent(logger, kind, channel, pending.MaskedDestination, provider.ProviderName, pending.Id);
        var alsoSentTo = new List<string>();
        foreach (var other in alsoTo)
        {
            if (router.For(other.Channel) is { } otherProvider
                && await ConfirmedDestinationAsync(user, other.Channel) is { } otherDestination
                && (await otherProvider.SendAsync(composer.Compose(policy, other.Channel, otherDestination, code), cancellationToken)).Succeeded)
            {
                IdentityTfaLog.CodeSent(logger, kind, other.Channel, other.MaskedDestination, otherProvider.ProviderName, pending.Id);
                alsoSentTo.Add(other.MaskedDestination);
            }
        }

        return new SendCodeResult.Sent(channel, pending.MaskedDestination, pending.ExpiresAt, alsoSentTo);
    }

    private async Task<string?> ConfirmedDestinationAsync(TUser user, DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => await users.IsPhoneNumberConfirmedAsync(user) ? await users.GetPhoneNumberAsync(user) : null,
        DeliveryChannel.Email => await users.IsEmailConfirmedAsync(user) ? await users.GetEmailAsync(user) : null,
        _ => null,
    };
}
