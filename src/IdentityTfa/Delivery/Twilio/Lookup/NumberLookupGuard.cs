using IdentityTfa.Audit;
using IdentityTfa.Entities;
using IdentityTfa.Logging;
using IdentityTfa.Methods;
using IdentityTfa.Persistence;
using IdentityTfa.Policy;
using IdentityTfa.Registration;
using IdentityTfa.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>
/// Before a code goes to a phone: looks the number up (or reads the shared cache) and decides whether the code goes
/// as asked, by call instead of text (a landline), by email instead (a recent SIM swap), or not at all (pumping risk,
/// a line type the policy refuses at enrolment, a SIM swap with no other method). Fails open when Lookup fails, except
/// that a recent SIM swap already known still holds. Every decision is audited, logged and counted.
/// </summary>
internal sealed class NumberLookupGuard(
    TwilioNumberLookup twilioLookup,
    NumberLookupCache cache,
    TwoFactorMethodStore methods,
    MessageChannelRouter router,
    ISitePolicyStore policies,
    IAuditLog audit,
    WriteUnit writes,
    LookupMetrics metrics,
    IOptionsMonitor<TwilioOptions> options,
    TimeProvider time,
    ILogger<NumberLookupGuard> logger)
{
    public const string AuditType = Audit.AuditEventTypes.NumberLookup;

    public async Task<LookupDecision> DecideAsync(
        string userId, ChallengePurpose purpose, DeliveryChannel channel, string phoneNumber, string? accountEmail, CancellationToken cancellationToken)
    {
        var twilio = options.CurrentValue;
        var lookup = twilio.Lookup;
        if (!lookup.Enabled || !twilio.IsConfigured || channel is not (DeliveryChannel.Sms or DeliveryChannel.Voice))
        {
            return new LookupDecision.Send(channel);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var masked = MaskedDestination.For(channel, phoneNumber);
        var known = await cache.FindAsync(phoneNumber, cancellationToken);
        var (current, source) = known is not null && now < known.LookedUpAt + lookup.CacheFor
            ? (known, "cache")
            : (await twilioLookup.LookUpAsync(phoneNumber, lookup, now, cancellationToken), "twilio");
        if (current is null)
        {
            TwoFactorLog.LookupFailed(logger, masked);
            metrics.Failed();
            if (!SwappedWithin(known, now, lookup))
            {
                await AuditAsync(userId, purpose, channel, masked, "lookup failed; sent without it", cancellationToken);
                return new LookupDecision.Send(channel);
            }

            (current, source) = (known!, "cache after a failed lookup");
        }

        var (decision, name) = await DecideAsync(current, userId, purpose, channel, masked, accountEmail, lookup, now, cancellationToken);
        current.Decision = name;
        current.DecidedAt = now;
        TwoFactorLog.LookupDecided(logger, masked, current.LineType, current.LastSimSwapAt, current.PumpingRiskScore, name, source);
        metrics.Decided(name, source == "twilio" ? "twilio" : "cache");
        var detail = $"{name}: line type {current.LineType ?? "unknown"}, carrier {current.Carrier ?? "unknown"}, "
            + $"SIM swapped {current.LastSimSwapAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "not known"}, "
            + $"pumping risk {current.PumpingRiskScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} ({source})";
        try
        {
            await writes.RunAsync(
                async () =>
                {
                    await cache.SaveAsync(current, cancellationToken);
                    await audit.WriteAsync(Entry(userId, purpose, channel, masked, detail), cancellationToken);
                },
                cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the same number's lookup at the same moment; theirs stands, and the decision holds.
        }

        return decision;
    }

    private async Task<(LookupDecision Decision, string Name)> DecideAsync(
        NumberLookupRecord number, string userId, ChallengePurpose purpose, DeliveryChannel channel, string masked, string? accountEmail,
        TwilioLookupOptions lookup, DateTime now, CancellationToken cancellationToken)
    {
        if (number.PumpingRiskScore > lookup.PumpingRiskThreshold)
        {
            return (new LookupDecision.Refuse("We cannot send codes to this phone number. Please use another number or choose another way."), "refused: pumping risk");
        }

        if (purpose != ChallengePurpose.SignIn && lookup.Refuses(number.LineType))
        {
            return (new LookupDecision.Refuse($"We cannot send codes to this kind of number ({LineTypeWords(number.LineType)}). Please use a mobile number."), "refused: line type");
        }

        if (SwappedWithin(number, now, lookup))
        {
            return await SimSwappedAsync(userId, purpose, masked, accountEmail, cancellationToken);
        }

        return number.LineType == "landline" && channel == DeliveryChannel.Sms && router.CanSend(DeliveryChannel.Voice)
            ? (new LookupDecision.Send(DeliveryChannel.Voice), "call: landline")
            : (new LookupDecision.Send(channel), "send");
    }

    /// <summary>No code goes to a phone whose SIM was just swapped: a stolen number is the classic way to read someone's codes.</summary>
    private async Task<(LookupDecision Decision, string Name)> SimSwappedAsync(
        string userId, ChallengePurpose purpose, string masked, string? accountEmail, CancellationToken cancellationToken)
    {
        const string Why = "The SIM card of your phone was changed recently, so we did not send the code to it.";
        if (purpose == ChallengePurpose.SignIn && accountEmail is not null && router.CanSend(DeliveryChannel.Email)
            && (await methods.GetAsync(userId, cancellationToken)).Any(m => m.Channel == DeliveryChannel.Email))
        {
            return (new LookupDecision.ToEmail($"{Why} We sent it by email instead.", FailoverReasons.SimSwap), "sim swap: by email");
        }

        var company = (await policies.GetAsync(cancellationToken)).Options.CompanyName;
        if (purpose != ChallengePurpose.SignIn)
        {
            return (new LookupDecision.Refuse($"The SIM card of this phone was changed recently, so we cannot send codes to it yet. Please try again later or contact {company}."), "refused: sim swap");
        }

        if (accountEmail is not null)
        {
            var body = $"Someone signed in to your {company} account with its password and asked for a code by phone ({masked}). "
                + $"The SIM card of that phone was changed recently, so we did not send the code. If you did not change your SIM card, "
                + $"your phone number may have been taken over: contact your mobile operator, change your {company} password, and contact {company} to sign in.";
            await router.SendAsync(new OutgoingMessage(DeliveryChannel.Email, accountEmail, $"{company}: a sign-in code was not sent to your phone", body), cancellationToken);
        }

        return (new LookupDecision.Refuse($"{Why} Please contact {company} to sign in."), "refused: sim swap");
    }

    private static bool SwappedWithin(NumberLookupRecord? number, DateTime now, TwilioLookupOptions lookup) =>
        number?.LastSimSwapAt is { } swapped && now - swapped <= lookup.SimSwapWindow;

    private static string LineTypeWords(string? lineType) => lineType switch
    {
        "nonFixedVoip" => "an internet phone number",
        "tollFree" => "a toll-free number",
        "premium" => "a premium-rate number",
        "sharedCost" => "a shared-cost number",
        "pager" => "a pager",
        "voicemail" => "a voicemail number",
        _ => lineType ?? "unknown",
    };

    private Task AuditAsync(string userId, ChallengePurpose purpose, DeliveryChannel channel, string masked, string detail, CancellationToken cancellationToken) =>
        writes.RunAsync(() => audit.WriteAsync(Entry(userId, purpose, channel, masked, detail), cancellationToken), cancellationToken);

    private static AuditEntry Entry(string userId, ChallengePurpose purpose, DeliveryChannel channel, string masked, string detail) =>
        new(AuditType, RegistrationCodeService.AccountOf(userId))
        {
            Purpose = purpose.ToString(),
            Channel = channel.ToString(),
            MaskedDestination = masked,
            Provider = "Twilio Lookup",
            Detail = detail,
        };
}
