using IdentityTfa.Challenges;
using IdentityTfa.Configuration;
using IdentityTfa.Data;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Sending;

/// <summary>
/// Issues a code and delivers it, within the policy's resend cooldown. A code that could not be delivered is
/// discarded at once, so it neither works nor holds back the next send.
/// </summary>
internal sealed class CodeDelivery(
    ChallengeStore challenges,
    MessageComposer composer,
    MessageChannelRouter router,
    IOptionsMonitor<IdentityTfaOptions> options,
    TimeProvider time,
    ILogger<CodeDelivery> logger)
{
    /// <summary>A further destination the same code goes to.</summary>
    public sealed record AlsoTo(DeliveryChannel Channel, string Destination, string MaskedDestination);

    public async Task<SendCodeResult> SendAsync(
        string userId,
        ChallengePurpose kind,
        string purpose,
        DeliveryChannel channel,
        string destination,
        Func<Task<string>> issueCode,
        IReadOnlyList<AlsoTo> alsoTo,
        CancellationToken cancellationToken)
    {
        var policy = options.CurrentValue.Policies.For(kind);
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
            ?? throw new InvalidOperationException("No challenge was issued for the code.");

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
                && (await otherProvider.SendAsync(composer.Compose(policy, other.Channel, other.Destination, code), cancellationToken)).Succeeded)
            {
                IdentityTfaLog.CodeSent(logger, kind, other.Channel, other.MaskedDestination, otherProvider.ProviderName, pending.Id);
                alsoSentTo.Add(other.MaskedDestination);
            }
        }

        return new SendCodeResult.Sent(channel, pending.MaskedDestination, pending.ExpiresAt, alsoSentTo);
    }
}
