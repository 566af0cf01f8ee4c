using System.Diagnostics;
using System.Globalization;

namespace IdentityTfa.Bench;

/// <summary>The driver's handle on a shop running <see cref="ServeCommand"/> in a child process.</summary>
internal sealed class ShopProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ShopProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts a shop; with <paramref name="countStatements"/> it counts its SQLite statements and commits (<see cref="StatementCounter"/>).</summary>
    public static async Task<ShopProcess> StartAsync(string databasePath, Uri twilioBaseUrl, bool countStatements = false)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment[StatementCounter.Switch] = countStatements ? "1" : "0";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ShopProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "serve", databasePath, twilioBaseUrl.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the shop process.");
        var ready = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("The shop process ended before it was ready; its errors are above.");
        return ready.StartsWith("ready ", StringComparison.Ordinal)
            ? new ShopProcess(process, new Uri(ready["ready ".Length..]))
            : throw new InvalidOperationException($"The shop process said '{ready}' instead of ready.");
    }

    public async Task SeedAsync(int accounts) => await AskAsync($"seed {accounts}", "ok");

    /// <summary>Checkpoints the shop's SQLite file and collects its garbage, before a measured run.</summary>
    public async Task SettleAsync() => await AskAsync("settle", "settled");

    /// <summary>Bytes the shop process has allocated since it started.</summary>
    public async Task<long> AllocatedBytesAsync() =>
        long.Parse((await AskAsync("alloc", "alloc "))["alloc ".Length..], CultureInfo.InvariantCulture);

    /// <summary>How long groups of writes have held SQLite's write turn since the shop started, and how many turns (none on PostgreSQL).</summary>
    public async Task<(TimeSpan Held, long Turns)> WriterTurnAsync()
    {
        var words = (await AskAsync("turn", "turn "))["turn ".Length..].Split(' ');
        return (TimeSpan.FromTicks(long.Parse(words[0], CultureInfo.InvariantCulture)), long.Parse(words[1], CultureInfo.InvariantCulture));
    }

    /// <summary>SQLite statements (reads, writes, others) and commits since the shop started; zeros unless it counts them.</summary>
    public async Task<StatementCount> StatementsAsync()
    {
        var words = (await AskAsync("count", "count "))["count ".Length..].Split(' ').Select(w => long.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        return new StatementCount(words[0], words[1], words[2], words[3]);
    }

    /// <summary>CPU time the shop process has used since it started, every thread, user and system.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<string> AskAsync(string command, string expectedStart)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        var answer = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException($"The shop process ended during '{command}'.");
        return answer.StartsWith(expectedStart, StringComparison.Ordinal)
            ? answer
            : throw new InvalidOperationException($"The shop process answered '{answer}' to '{command}'.");
    }
}

/// <summary>What SQLite was asked to do: statements that read, that wrote, the rest (transactions, savepoints), and commits that wrote.</summary>
internal sealed record StatementCount(long Reads, long Writes, long Others, long Commits)
{
    public static StatementCount operator -(StatementCount after, StatementCount before) =>
        new(after.Reads - before.Reads, after.Writes - before.Writes, after.Others - before.Others, after.Commits - before.Commits);
}
