using IdentityTfa.Audit;
using IdentityTfa.Challenges;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.Twilio.Lookup;
using IdentityTfa.Entities;
using IdentityTfa.Limits;
using IdentityTfa.Logging;
using IdentityTfa.Metrics;
using IdentityTfa.Persistence;
using IdentityTfa.Policy;
using IdentityTfa.Registration;
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
    TwoFactorMetrics metrics,
    SendLimits limits,
    WriteUnit writes,
    CodeHashKeyProvider codeHashKey,
    NumberLookupGuard numberLookup,
    TimeProvider time,
    ILogger<CodeDelivery> logger)
{
    /// <summary>A further destination the same code goes to.</summary>
    public sealed record AlsoTo(DeliveryChannel Channel, string Destination, string MaskedDestination);

    /// <summary>
    /// Sends one code in its steps: the resend cooldown, the code issued within the send limits, its route (the number
    /// lookup), delivery with failover, then the record of where it went, or the discard of a code that reached no one.
    /// </summary>
    public async Task<SendCodeResult> SendAsync(
        string userId,
        ChallengePurpose purpose,
        string tokenPurpose,
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
        var policy = tfa.Policies.For(purpose);
        if (await TooSoonAsync(userId, purpose, tokenPurpose, policy, cancellationToken) is { } tooSoon)
        {
            return tooSoon;
        }

        if (!router.CanSend(channel))
        {
            TwoFactorLog.NoProvider(logger, channel);
            return new SendCodeResult.DeliveryFailed("We cannot send codes this way right now. Please choose another way or try again later.") { Reason = "no-provider" };
        }

        // The code-hash key is made on first use, on a connection of its own: make it before this request holds the
        // database's write lock, which that connection would wait for.
        await codeHashKey.GetKeyAsync(cancellationToken);

        // The code and the limits' slots in one transaction, the slots last, so that the site-wide counters are held
        // only until the commit; when a limit refuses, all of it is undone (no code, no slot) and the refusal recorded.
        var issue = await writes.RunAsync(
            () => IssueWithinLimitsAsync(userId, purpose, tokenPurpose, channel, destination, policy, tfa, issueCode, cancellationToken),
            outcome => outcome is Issue.Issued,
            cancellationToken);
        switch (issue)
        {
            case Issue.HeldBack:
                // A parallel send took the cooldown first: this one is answered as a resend too soon after it.
                return await TooSoonAsync(userId, purpose, tokenPurpose, policy, cancellationToken)
                    ?? new SendCodeResult.TooSoon(policy.ResendCooldown);
            case Issue.Refused refused:
                return await RecordRefusalAsync(userId, purpose, tokenPurpose, channel, destination, refused, cancellationToken);
        }

        var (code, pending) = (Issue.Issued)issue;
        var send = new Send(userId, purpose, tokenPurpose, tfa, policy, code, pending.Id);

        // Every log line of this delivery carries the challenge id (never the code).
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ChallengeId"] = pending.Id });

        var route = await RouteAsync(send, channel, destination, alsoTo, failoverEmail, cancellationToken);
        if (route.Refusal is { } refusal)
        {
            await DiscardAsync(send, notSent: null, cancellationToken);
            return new SendCodeResult.Refused(refusal);
        }

        var delivery = await DeliverWithFailoverAsync(send, route, failoverEmail, withhold, cancellationToken);
        if (!delivery.Result.Succeeded)
        {
            TwoFactorLog.DeliveryFailed(logger, purpose, route.Channel, "every provider", delivery.Result.Detail ?? delivery.Result.Error ?? "unknown error", pending.Id);
            await DiscardAsync(send, Entry(AuditEventTypes.CodeNotSent, send, delivery.Channel, delivery.Masked, delivery.Result), cancellationToken);
            metrics.DeliveryFailed(purpose, route.Channel);
            return new SendCodeResult.DeliveryFailed(delivery.Result.Error ?? "We could not send the code. Please try again.");
        }

        await RecordDeliveryAsync(send, delivery, cancellationToken);
        metrics.SendTook(time.GetElapsedTime(started), delivery.Channel);
        var alsoSentTo = await SendToTheOthersAsync(send, route.AlsoTo.Where(o => o.Channel != delivery.Channel), cancellationToken);
        return new SendCodeResult.Sent(delivery.Channel, delivery.Masked, pending.ExpiresAt, alsoSentTo, delivery.Failover?.Notice)
        {
            FailoverReason = delivery.Failover?.Reason,
        };
    }

    /// <summary>The answer to a send within the cooldown of the last code of this user and purpose; null when it has run.</summary>
    private async Task<SendCodeResult.TooSoon?> TooSoonAsync(string userId, ChallengePurpose purpose, string tokenPurpose, CodePolicyOptions policy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await challenges.LastSentAtAsync(userId, tokenPurpose, cancellationToken) is { } lastSent && now < lastSent + policy.ResendCooldown)
        {
            TwoFactorLog.SendTooSoon(logger, purpose, (int)(now - lastSent).TotalSeconds);
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
        string userId, ChallengePurpose purpose, string tokenPurpose, DeliveryChannel channel, string destination, CodePolicyOptions policy, TwoFactorOptions tfa,
        Func<Task<string>> issueCode, CancellationToken cancellationToken)
    {
        if (!await cooldown.TryTakeAsync(userId, tokenPurpose, policy.ResendCooldown, cancellationToken))
        {
            return new Issue.HeldBack();
        }

        var code = await issueCode();
        if (challenges.LastIssueHeldBack)
        {
            return new Issue.HeldBack();
        }

        var pending = await challenges.FindActiveAsync(userId, tokenPurpose, cancellationToken)
            ?? throw new InvalidOperationException("No challenge was issued for the code.");
        return await limits.CheckAsync(purpose, policy, tfa, channel, destination, cancellationToken) is { } refusal
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

    /// <summary>Records a limit's refusal: the code was never kept, and the refusal is counted and audited.</summary>
    private async Task<SendCodeResult> RecordRefusalAsync(
        string userId, ChallengePurpose purpose, string tokenPurpose, DeliveryChannel channel, string destination, Issue.Refused refused, CancellationToken cancellationToken)
    {
        challenges.ForgetUnsaved();
        metrics.RateLimited(refused.Reason);
        await audit.WriteAsync(
            new AuditEntry(AuditEventTypes.CodeRefused, RegistrationCodeService.AccountOf(userId))
            {
                Purpose = purpose.ToString(),
                Channel = channel.ToString(),
                MaskedDestination = MaskedDestination.For(channel, destination),
                Detail = $"limit: {refused.Reason}",
            },
            cancellationToken);
        return new SendCodeResult.Refused(refused.Message) { Reason = refused.Reason };
    }

    /// <summary>
    /// Where the code goes: Twilio Lookup (when on) may turn a text into a call, a recent SIM swap's code into an email,
    /// or refuse the send. It runs after the limits took their slots, so that no one can make the site pay for lookups
    /// beyond them.
    /// </summary>
    private async Task<Route> RouteAsync(
        Send send, DeliveryChannel channel, string destination, IReadOnlyList<AlsoTo> alsoTo, string? failoverEmail, CancellationToken cancellationToken) =>
        await numberLookup.DecideAsync(send.UserId, send.Purpose, channel, destination, failoverEmail, cancellationToken) switch
        {
            LookupDecision.Refuse refuse => new Route(channel, destination, alsoTo, Reroute: null) { Refusal = refuse.Message },
            LookupDecision.ToEmail toEmail => new Route(
                DeliveryChannel.Email, failoverEmail!, [.. alsoTo.Where(other => other.Channel == DeliveryChannel.Email)], (toEmail.Notice, toEmail.Reason)),
            LookupDecision.Send to => new Route(to.Channel, destination, alsoTo, Reroute: null),
            _ => new Route(channel, destination, alsoTo, Reroute: null),
        };

    /// <summary>
    /// Delivers through the channel's providers in turn; a sign-in code that reached no one by text or call goes by
    /// email instead, when the site allows it and the account has one.
    /// </summary>
    private async Task<Delivered> DeliverWithFailoverAsync(Send send, Route route, string? failoverEmail, bool withhold, CancellationToken cancellationToken)
    {
        // A withheld code is issued, limited and recorded as any other, and goes nowhere (see TwoFactorCodeSender's
        // address check): its answer, cooldown and wrong-code replies are those of a code that was sent.
        var delivered = withhold
            ? DeliveryResult.Sent(providerMessageId: null)
            : await router.SendAsync(composer.Compose(send.Tfa, send.Purpose, send.Policy, route.Channel, route.Destination, send.Code), cancellationToken);
        var direct = new Delivered(delivered, route.Channel, MaskedDestination.For(route.Channel, route.Destination), route.Reroute);
        if (delivered.Succeeded || send.Purpose != ChallengePurpose.SignIn || route.Channel == DeliveryChannel.Email
            || !send.Tfa.FailoverToEmail || failoverEmail is null || !router.CanSend(DeliveryChannel.Email))
        {
            return direct;
        }

        await audit.WriteAsync(Entry(AuditEventTypes.CodeFailedOver, send, direct.Channel, direct.Masked, delivered), cancellationToken);
        var byEmail = await router.SendAsync(composer.Compose(send.Tfa, send.Purpose, send.Policy, DeliveryChannel.Email, failoverEmail, send.Code), cancellationToken);
        if (!byEmail.Succeeded)
        {
            return direct;
        }

        TwoFactorLog.FailedOverToEmail(logger, send.Purpose, route.Channel, send.ChallengeId);
        var reason = route.Channel == DeliveryChannel.Voice ? FailoverReasons.CallFailed : FailoverReasons.TextFailed;
        return new Delivered(byEmail, DeliveryChannel.Email, MaskedDestination.Email(failoverEmail), ($"{delivered.Error} We sent the code by email instead.", reason));
    }

    /// <summary>A code that reached no one (or may not be sent) is discarded at once and its cooldown released, so the next send is not held back.</summary>
    private Task DiscardAsync(Send send, AuditEntry? notSent, CancellationToken cancellationToken) =>
        writes.RunAsync(
            async () =>
            {
                await challenges.DiscardAsync(send.ChallengeId, cancellationToken);
                await cooldown.ReleaseAsync(send.UserId, send.TokenPurpose, cancellationToken);
                if (notSent is not null)
                {
                    await audit.WriteAsync(notSent, cancellationToken);
                }
            },
            cancellationToken);

    /// <summary>Records where the code went (the challenge's delivery, the audit, the log and the metrics).</summary>
    private async Task RecordDeliveryAsync(Send send, Delivered delivery, CancellationToken cancellationToken)
    {
        await writes.RunAsync(
            async () =>
            {
                await challenges.RecordDeliveryAsync(send.ChallengeId, delivery.Channel, delivery.Masked, delivery.Result.ProviderMessageId, cancellationToken);
                await audit.WriteAsync(Entry(AuditEventTypes.CodeSent, send, delivery.Channel, delivery.Masked, delivery.Result), cancellationToken);
            },
            cancellationToken);
        TwoFactorLog.CodeSent(logger, send.Purpose, delivery.Channel, delivery.Masked, delivery.Result.ProviderMessageId ?? "provider", send.ChallengeId);
        metrics.CodeSent(send.Purpose, delivery.Channel, delivery.Result.Provider ?? "unknown");
    }

    /// <summary>Sends the same code to the further destinations; returns the masked ones it reached.</summary>
    private async Task<List<string>> SendToTheOthersAsync(Send send, IEnumerable<AlsoTo> others, CancellationToken cancellationToken)
    {
        var alsoSentTo = new List<string>();
        foreach (var other in others)
        {
            var also = await router.SendAsync(composer.Compose(send.Tfa, send.Purpose, send.Policy, other.Channel, other.Destination, send.Code), cancellationToken);
            await audit.WriteAsync(Entry(also.Succeeded ? AuditEventTypes.CodeSent : AuditEventTypes.CodeNotSent, send, other.Channel, other.MaskedDestination, also), cancellationToken);
            if (also.Succeeded)
            {
                TwoFactorLog.CodeSent(logger, send.Purpose, other.Channel, other.MaskedDestination, "provider", send.ChallengeId);
                alsoSentTo.Add(other.MaskedDestination);
            }
        }

        return alsoSentTo;
    }

    /// <summary>One send once its code is issued: whose, for what, under which policy, and the code itself (never logged).</summary>
    private sealed record Send(string UserId, ChallengePurpose Purpose, string TokenPurpose, TwoFactorOptions Tfa, CodePolicyOptions Policy, string Code, Guid ChallengeId);

    /// <summary>Where the code goes after the number lookup; <see cref="Refusal"/> when the lookup refused the send.</summary>
    private sealed record Route(DeliveryChannel Channel, string Destination, IReadOnlyList<AlsoTo> AlsoTo, (string Notice, string Reason)? Reroute)
    {
        public string? Refusal { get; init; }
    }

    /// <summary>What the delivery came to, where it reached (or last tried), and the notice of a change of way.</summary>
    private sealed record Delivered(DeliveryResult Result, DeliveryChannel Channel, string Masked, (string Notice, string Reason)? Failover);

    private static AuditEntry Entry(string type, Send send, DeliveryChannel channel, string masked, DeliveryResult result) =>
        new(type, RegistrationCodeService.AccountOf(send.UserId))
        {
            Purpose = send.Purpose.ToString(),
            Channel = channel.ToString(),
            MaskedDestination = masked,
            ProviderMessageId = result.ProviderMessageId,
            Detail = result.Succeeded ? null : result.Detail ?? result.Error,
        };
}
