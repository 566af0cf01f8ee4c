using IdentityTfa.Registration;
using IdentityTfa.Challenges;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Audit;
using IdentityTfa.Policy;
using IdentityTfa.Data;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.Twilio.Lookup;
using IdentityTfa.Limits;
using IdentityTfa.Logging;
using IdentityTfa.Metrics;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Sending;

/// <summary>
/// Issues a code and delivers it, within the policy's resend cooldown: through each provider of the channel in turn,
/// then (for sign-in, when allowed) by email. A code that reached nobody is discarded at once, so no challenge is
/// left that the user cannot complete, and the next send is not held back.
/// </summary>
internal sealed class CodeDelivery(
    ChallengeStore challenges,
    ResendCooldown cooldown,
    MessageComposer composer,
    MessageChannelRouter router,
    ISitePolicyStore policies,
    IAuditLog audit,
    IdentityTfaMetrics metrics,
    SendLimits limits,
    WriteUnit writes,
    CodeHashKeyProvider codeHashKey,
    NumberLookupGuard numberLookup,
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
        string? failoverEmail,
        CancellationToken cancellationToken,
        bool withhold = false)
    {
        var started = time.GetTimestamp();
        var tfa = (await policies.GetAsync(cancellationToken)).Options;
        var policy = tfa.Policies.For(kind);
        if (await TooSoonAsync(userId, kind, purpose, policy, cancellationToken) is { } tooSoon)
        {
            return tooSoon;
        }

        if (!router.CanSend(channel))
        {
            IdentityTfaLog.NoProvider(logger, channel);
            return new SendCodeResult.DeliveryFailed("We cannot send codes this way right now. Please choose another way or try again later.") { Reason = "no-provider" };
        }

        // The code-hash key is made on first use, on a connection of its own: make it before this request holds the
        // database's write lock, which that connection would wait for.
        await codeHashKey.GetKeyAsync(cancellationToken);

        // The code and the limits' slots in one transaction, the slots last, so that the site-wide counters are held
        // only until the commit; when a limit refuses, all of it is undone (no code, no slot) and the refusal recorded.
        var issue = await writes.RunAsync(
            () => IssueWithinLimitsAsync(userId, kind, purpose, channel, destination, policy, tfa, issueCode, cancellationToken),
            outcome => outcome is Issue.Issued,
            cancellationToken);
        if (issue is Issue.HeldBack)
        {
            // A parallel send took the cooldown first: this one is answered as a resend too soon after it.
            return await TooSoonAsync(userId, kind, purpose, policy, cancellationToken)
                ?? new SendCodeResult.TooSoon(policy.ResendCooldown);
        }

        if (issue is Issue.Refused refused)
        {
            challenges.ForgetUnsaved(userId, purpose, refused.ChallengeId);
            metrics.RateLimited(refused.Reason);
            await audit.WriteAsync(
                new AuditEntry(AuditEventTypes.CodeRefused, RegistrationCodeService.AccountOf(userId))
                {
                    Purpose = kind.ToString(),
                    Channel = channel.ToString(),
                    MaskedDestination = MaskedDestination.For(channel, destination),
                    Detail = $"limit: {refused.Reason}",
                },
                cancellationToken);
            return new SendCodeResult.Refused(refused.Message) { Reason = refused.Reason };
        }

        var (code, pending) = (Issue.Issued)issue;

        // Every log line of this delivery carries the challenge id (never the code).
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ChallengeId"] = pending.Id });

        // Twilio Lookup (when on) may turn a text into a call, a recent SIM swap's code into an email, or refuse the send.
        // It runs after the limits took their slots, so that no one can make the site pay for lookups beyond them.
        (string Notice, string Reason)? reroute = null;
        switch (await numberLookup.DecideAsync(userId, kind, channel, destination, failoverEmail, cancellationToken))
        {
            case LookupDecision.Refuse refuse:
                await writes.RunAsync(
                    async () =>
                    {
                        await challenges.DiscardAsync(userId, purpose, pending.Id, cancellationToken);
                        await cooldown.ReleaseAsync(userId, purpose, cancellationToken);
                    },
                    cancellationToken);
                return new SendCodeResult.Refused(refuse.Message);
            case LookupDecision.ToEmail toEmail:
                (channel, destination, reroute) = (DeliveryChannel.Email, failoverEmail!, (toEmail.Notice, toEmail.Reason));
                alsoTo = [.. alsoTo.Where(other => other.Channel == DeliveryChannel.Email)];
                break;
            case LookupDecision.Send send:
                channel = send.Channel;
                break;
        }

        // A withheld code is issued, limited and recorded as any other, and goes nowhere (see TwoFactorCodeSender's
        // address check): its answer, cooldown and wrong-code replies are those of a code that was sent.
        var delivered = withhold
            ? DeliveryResult.Sent(providerMessageId: null)
            : await router.SendAsync(composer.Compose(tfa, kind, policy, channel, destination, code), cancellationToken);
        var reached = (Channel: channel, Masked: MaskedDestination.For(channel, destination));
        var failover = reroute;
        if (!delivered.Succeeded && kind == ChallengePurpose.SignIn && channel != DeliveryChannel.Email
            && tfa.FailoverToEmail && failoverEmail is not null && router.CanSend(DeliveryChannel.Email))
        {
            await audit.WriteAsync(Entry(AuditEventTypes.CodeFailedOver, userId, kind, channel, MaskedDestination.For(channel, destination), delivered), cancellationToken);
            var byEmail = await router.SendAsync(composer.Compose(tfa, kind, policy, DeliveryChannel.Email, failoverEmail, code), cancellationToken);
            if (byEmail.Succeeded)
            {
                IdentityTfaLog.FailedOverToEmail(logger, kind, channel, pending.Id);
                failover = ($"{delivered.Error} We sent the code by email instead.", channel == DeliveryChannel.Voice
                    ? FailoverReasons.CallFailed
                    : FailoverReasons.TextFailed);
                reached = (DeliveryChannel.Email, MaskedDestination.Email(failoverEmail));
                delivered = byEmail;
            }
        }

        if (!delivered.Succeeded)
        {
            IdentityTfaLog.DeliveryFailed(logger, kind, channel, "every provider", delivered.Detail ?? delivered.Error ?? "unknown error", pending.Id);
            await writes.RunAsync(
                async () =>
                {
                    await challenges.DiscardAsync(userId, purpose, pending.Id, cancellationToken);
                    await cooldown.ReleaseAsync(userId, purpose, cancellationToken);
                    await audit.WriteAsync(Entry(AuditEventTypes.CodeNotSent, userId, kind, reached.Channel, reached.Masked, delivered), cancellationToken);
                },
                cancellationToken);
            metrics.DeliveryFailed(kind, channel);
            return new SendCodeResult.DeliveryFailed(delivered.Error ?? "We could not send the code. Please try again.");
        }

        await writes.RunAsync(
            async () =>
            {
                await challenges.RecordDeliveryAsync(userId, purpose, pending.Id, reached.Channel, reached.Masked, delivered.ProviderMessageId, cancellationToken);
                await audit.WriteAsync(Entry(AuditEventTypes.CodeSent, userId, kind, reached.Channel, reached.Masked, delivered), cancellationToken);
            },
            cancellationToken);
        IdentityTfaLog.CodeSent(logger, kind, reached.Channel, reached.Masked, delivered.ProviderMessageId ?? "provider", pending.Id);
        metrics.CodeSent(kind, reached.Channel, ProviderOf(delivered));
        metrics.SendTook(time.GetElapsedTime(started), reached.Channel);

        var alsoSentTo = new List<string>();
        foreach (var other in alsoTo.Where(o => o.Channel != reached.Channel))
        {
            var also = await router.SendAsync(composer.Compose(tfa, kind, policy, other.Channel, other.Destination, code), cancellationToken);
            await audit.WriteAsync(Entry(also.Succeeded ? AuditEventTypes.CodeSent : AuditEventTypes.CodeNotSent, userId, kind, other.Channel, other.MaskedDestination, also), cancellationToken);
            if (also.Succeeded)
            {
                IdentityTfaLog.CodeSent(logger, kind, other.Channel, other.MaskedDestination, "provider", pending.Id);
                alsoSentTo.Add(other.MaskedDestination);
            }
        }

        return new SendCodeResult.Sent(reached.Channel, reached.Masked, pending.ExpiresAt, alsoSentTo, failover?.Notice)
        {
            FailoverReason = failover?.Reason,
        };
    }

    /// <summary>The answer to a send within the cooldown of the last code of this user and purpose; null when it has run.</summary>
    private async Task<SendCodeResult.TooSoon?> TooSoonAsync(string userId, ChallengePurpose kind, string purpose, CodePolicyOptions policy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await challenges.LastSentAtAsync(userId, purpose, cancellationToken) is { } lastSent && now < lastSent + policy.ResendCooldown)
        {
            IdentityTfaLog.SendTooSoon(logger, kind, (int)(now - lastSent).TotalSeconds);
            metrics.RateLimited("cooldown");
            return new SendCodeResult.TooSoon(lastSent + policy.ResendCooldown - now);
        }

        return null;
    }

    /// <summary>
    /// Takes the resend cooldown, issues the code, then takes the limits' slots; held back when a parallel send took
    /// the cooldown (or stored its code) first, refused when a limit is full. The check before the transaction answers
    /// most resends; this guarded write is what holds when two arrive together.
    /// </summary>
    private async Task<Issue> IssueWithinLimitsAsync(
        string userId, ChallengePurpose kind, string purpose, DeliveryChannel channel, string destination, CodePolicyOptions policy, IdentityTfaOptions tfa,
        Func<Task<string>> issueCode, CancellationToken cancellationToken)
    {
        if (!await cooldown.TryTakeAsync(userId, purpose, policy.ResendCooldown, cancellationToken))
        {
            return new Issue.HeldBack();
        }

        var code = await issueCode();
        if (challenges.LastIssueHeldBack)
        {
            return new Issue.HeldBack();
        }

        var pending = await challenges.FindActiveAsync(userId, purpose, cancellationToken)
            ?? throw new InvalidOperationException("No challenge was issued for the code.");
        return await limits.CheckAsync(kind, policy, tfa, channel, destination, cancellationToken) is { } refusal
            ? new Issue.Refused(pending.Id, refusal.Message, refusal.Reason)
            : new Issue.Issued(code, pending);
    }

    /// <summary>What <see cref="IssueWithinLimitsAsync"/> came to: the code and its challenge, or a limit's refusal.</summary>
    private abstract record Issue
    {
        public sealed record Issued(string Code, ActiveChallenge Pending) : Issue;

        public sealed record Refused(Guid ChallengeId, string Message, string Reason) : Issue;

        public sealed record HeldBack : Issue;
    }

    private static string ProviderOf(DeliveryResult result) =>
        result.ProviderMessageId switch
        {
            null => "unknown",
            var id when id.StartsWith("devinbox-", StringComparison.Ordinal) => "devinbox",
            var id when id.StartsWith("SM", StringComparison.Ordinal) || id.StartsWith("CA", StringComparison.Ordinal) => "twilio",
            _ => "smtp",
        };

    private static AuditEntry Entry(string type, string userId, ChallengePurpose kind, DeliveryChannel channel, string masked, DeliveryResult result) =>
        new(type, RegistrationCodeService.AccountOf(userId))
        {
            Purpose = kind.ToString(),
            Channel = channel.ToString(),
            MaskedDestination = masked,
            ProviderMessageId = result.ProviderMessageId,
            Detail = result.Succeeded ? null : result.Detail ?? result.Error,
        };
}
