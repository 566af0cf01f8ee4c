using System.Diagnostics.Metrics;
using IdentityTfa.Metrics;

namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>The number lookup's counters, on IdentityTfa's meter.</summary>
internal sealed class LookupMetrics
{
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _failures;

    public LookupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TwoFactorMetrics.MeterName);
        _decisions = meter.CreateCounter<long>("identitytfa.lookup.decisions", "{send}", "Sends to a phone decided by a number lookup, by decision and source (twilio, cache).");
        _failures = meter.CreateCounter<long>("identitytfa.lookup.failures", "{lookup}", "Number lookups that failed or timed out; the send went on without them.");
    }

    public void Decided(string decision, string source) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("decision", decision), new KeyValuePair<string, object?>("source", source));

    public void Failed() => _failures.Add(1);
}
