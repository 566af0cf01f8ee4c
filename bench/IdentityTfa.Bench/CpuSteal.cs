using System.Globalization;

namespace IdentityTfa.Bench;

/// <summary>
/// The machine's CPU time so far from <c>/proc/stat</c>: all of it, and the part the hypervisor gave to other guests
/// ("steal"). On a shared virtual machine a rate can halve from one round to the next for that reason alone; the
/// report says how much was taken during the run. Null where there is no <c>/proc/stat</c>.
/// </summary>
internal sealed record CpuSteal(long Total, long Stolen)
{
    public static CpuSteal? Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest time is inside user time).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return ticks.Length == 8 ? new CpuSteal(ticks.Sum(), ticks[7]) : null;
    }

    /// <summary>The share of the CPU time between <paramref name="start"/> and now that the hypervisor took; null when unknown.</summary>
    public static double? ShareSince(CpuSteal? start) =>
        start is not null && Read() is { } now && now.Total > start.Total ? (double)(now.Stolen - start.Stolen) / (now.Total - start.Total) : null;
}
