using System.Diagnostics.Metrics;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;

namespace IdentityTfa.Metrics;

/// <summary>Every IdentityTfa measurement, under the one meter <see cref="MeterName"/>.</summary>
internal sealed class TwoFactorMetrics
{
    /// <summary>The meter's name, for OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "IdentityTfa";

    private readonly Counter<long> _codesSent;
    private readonly Counter<long> _deliveryFailures;
    private readonly Counter<long> _verifications;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Histogram<double> _sendDuration;
    private readonly Histogram<double> _verifyDuration;
    private readonly Histogram<double> _writerTurnWait;
    private readonly Histogram<double> _writerTurnHeld;

    /// <summary>Creates the instruments on the app's meter factory.</summary>
    public TwoFactorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _codesSent = meter.CreateCounter<long>("identitytfa.codes.sent", "{code}", "Codes handed to a message provider.");
        _deliveryFailures = meter.CreateCounter<long>("identitytfa.codes.delivery_failures", "{code}", "Codes no provider of the channel could take.");
        _verifications = meter.CreateCounter<long>("identitytfa.verifications", "{code}", "Codes entered, by outcome.");
        _lockouts = meter.CreateCounter<long>("identitytfa.lockouts", "{account}", "Accounts locked out.");
        _rateLimitRefusals = meter.CreateCounter<long>("identitytfa.rate_limit.refusals", "{request}", "Sends refused by a limit.");
        _sendDuration = meter.CreateHistogram<double>("identitytfa.send.duration", "s", "Time to issue and deliver a code.");
        _verifyDuration = meter.CreateHistogram<double>("identitytfa.verify.duration", "s", "Time to check a code.");
        _writerTurnWait = meter.CreateHistogram<double>(
            "identitytfa.sqlite.writer_turn.wait", "s", "Time a group of writes (a verify step, either half of sending a code) waited for its turn to write to SQLite (one writer at a time).");
        _writerTurnHeld = meter.CreateHistogram<double>(
            "identitytfa.sqlite.writer_turn.held", "s", "Time a group of writes held SQLite's write turn: its writes and the commit.");
    }

    internal void CodeSent(ChallengePurpose purpose, DeliveryChannel channel, string provider) =>
        _codesSent.Add(1, new("purpose", purpose.ToString()), new("channel", channel.ToString()), new("provider", provider));

    internal void DeliveryFailed(ChallengePurpose purpose, DeliveryChannel channel) =>
        _deliveryFailures.Add(1, new("purpose", purpose.ToString()), new("channel", channel.ToString()));

    internal void Verified(string outcome) => _verifications.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void LockedOut() => _lockouts.Add(1);

    internal void RateLimited(string reason) => _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void SendTook(TimeSpan elapsed, DeliveryChannel channel) =>
        _sendDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("channel", channel.ToString()));

    internal void VerifyTook(TimeSpan elapsed) => _verifyDuration.Record(elapsed.TotalSeconds);

    internal void WriterTurnWaited(TimeSpan elapsed) => _writerTurnWait.Record(elapsed.TotalSeconds);

    internal void WriterTurnHeld(TimeSpan elapsed) => _writerTurnHeld.Record(elapsed.TotalSeconds);
}
