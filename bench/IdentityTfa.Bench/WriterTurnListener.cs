using System.Diagnostics.Metrics;
using IdentityTfa.Metrics;

namespace IdentityTfa.Bench;

/// <summary>
/// Adds up, in the shop's process, how long groups of writes (verify steps, the halves of a send) held SQLite's write
/// turn (IdentityTfa's <c>identitytfa.sqlite.writer_turn.held</c>): one writes at a time, so this time bounds the rate.
/// </summary>
internal sealed class WriterTurnListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _heldTicks;
    private long _turns;

    public WriterTurnListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TwoFactorMetrics.MeterName && instrument.Name == "identitytfa.sqlite.writer_turn.held")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            Interlocked.Add(ref _heldTicks, (long)(seconds * TimeSpan.TicksPerSecond));
            Interlocked.Increment(ref _turns);
        });
        _listener.Start();
    }

    /// <summary>The turns taken since the shop started, and how long they were held in all.</summary>
    public (TimeSpan Held, long Turns) Total => (TimeSpan.FromTicks(Interlocked.Read(ref _heldTicks)), Interlocked.Read(ref _turns));

    public void Dispose() => _listener.Dispose();
}
