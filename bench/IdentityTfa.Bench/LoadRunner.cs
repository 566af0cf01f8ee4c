using System.Diagnostics;

namespace IdentityTfa.Bench;

/// <summary>What one measured run gave.</summary>
internal sealed record RunResult(
    string Name, int Operations, int Concurrency, TimeSpan Elapsed, double[] LatenciesMs, int Failures, long AllocatedBytes, TimeSpan ShopCpu, TimeSpan WriterTurnHeld, long WriterTurns)
{
    private double[]? _sorted;

    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double AllocatedPerOperation => (double)AllocatedBytes / Operations;

    /// <summary>The shop process's CPU time (user and system, all threads) per operation, in milliseconds.</summary>
    public double CpuMsPerOperation => ShopCpu.TotalMilliseconds / Operations;

    /// <summary>How long SQLite's write turn was held per operation, in microseconds; null when no turn was taken (PostgreSQL).</summary>
    public double? WriterTurnMicrosecondsPerOperation => WriterTurns == 0 ? null : WriterTurnHeld.TotalMicroseconds / Operations;

    /// <summary>Operations per second of each round, when this result adds several up; else empty.</summary>
    public IReadOnlyList<double> RoundsPerSecond { get; init; } = [];

    /// <summary>Several rounds of one scenario as one result: operations, time and allocations added, latencies pooled.</summary>
    public static RunResult Merge(string name, IReadOnlyList<RunResult> rounds) => new(
        name,
        rounds.Sum(r => r.Operations),
        rounds[0].Concurrency,
        TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)),
        rounds.SelectMany(r => r.LatenciesMs).ToArray(),
        rounds.Sum(r => r.Failures),
        rounds.Sum(r => r.AllocatedBytes),
        TimeSpan.FromTicks(rounds.Sum(r => r.ShopCpu.Ticks)),
        TimeSpan.FromTicks(rounds.Sum(r => r.WriterTurnHeld.Ticks)),
        rounds.Sum(r => r.WriterTurns))
    {
        RoundsPerSecond = rounds.Select(r => r.PerSecond).ToArray(),
    };

    private double Percentile(double p)
    {
        var sorted = _sorted ??= LatenciesMs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Runs prepared operations at a fixed concurrency, timing each and counting the shop's allocations around the run.</summary>
internal sealed class LoadRunner(ShopProcess shop, int concurrency)
{
    public int Concurrency => concurrency;

    public async Task<RunResult> RunAsync<T>(string name, IReadOnlyList<T> operations, Func<T, Task<bool>> operation)
    {
        var latencies = new double[operations.Count];
        var failures = 0;
        var next = -1;
        await shop.SettleAsync();
        var allocatedBefore = await shop.AllocatedBytesAsync();
        var turnBefore = await shop.WriterTurnAsync();
        var cpuBefore = shop.ProcessorTime();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < operations.Count)
            {
                var begun = Stopwatch.GetTimestamp();
                bool succeeded;
                try
                {
                    succeeded = await operation(operations[index]);
                }
                catch (HttpRequestException)
                {
                    succeeded = false;
                }

                latencies[index] = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
                if (!succeeded)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = shop.ProcessorTime() - cpuBefore;
        var allocated = await shop.AllocatedBytesAsync() - allocatedBefore;
        var turnAfter = await shop.WriterTurnAsync();
        var result = new RunResult(
            name, operations.Count, concurrency, elapsed, latencies, failures, allocated, cpu, turnAfter.Held - turnBefore.Held, turnAfter.Turns - turnBefore.Turns);
        Console.WriteLine($"  {name}: {result.PerSecond:F0}/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, {result.AllocatedPerOperation / 1024:F1} KB/op, {result.CpuMsPerOperation:F3} CPU ms/op, {failures} failed");
        return result;
    }
}
