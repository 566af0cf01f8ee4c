using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace IdentityTfa.Bench;

/// <summary>Collects the runs and writes them as bench/results.md.</summary>
internal sealed class BenchReport(BenchSettings settings)
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly CpuSteal? _cpuAtStart = CpuSteal.Read();

    public List<RunResult> VerifyStep { get; } = [];

    public List<RunResult> WholeSignIn { get; } = [];

    public List<RunResult> Enumeration { get; } = [];

    public List<SizeResult> BySize { get; } = [];

    public List<WorkCount> Work { get; } = [];

    public (RunResult Run, int ReceivedByTwilio, int DestinationsReached)? Sends { get; set; }

    public bool AnyFailures =>
        VerifyStep.Concat(WholeSignIn).Concat(Enumeration).Concat(BySize.SelectMany(s => s.All)).Any(r => r.Failures > 0)
        || Work.Any(w => w.Failures > 0)
        || Sends is { } sends && (sends.Run.Failures > 0 || sends.ReceivedByTwilio != sends.Run.Operations || sends.DestinationsReached != sends.Run.Operations);

    /// <summary>The verify step's section alone (<c>--verify-only</c>).</summary>
    public string VerifyStepMarkdown() => AppendVerifyStep(new StringBuilder()).ToString();

    /// <summary>The work-per-operation section alone (<c>--work-only</c>).</summary>
    public string WorkMarkdown() => AppendWork(new StringBuilder()).ToString();

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results").AppendLine();
        md.AppendLine(Invariant($"- Date: {_started:yyyy-MM-dd HH:mm} UTC"));
        md.AppendLine($"- Command: `{settings.Command}` (from the repository root)");
        md.AppendLine($"- Machine: {Machine()}");
        if (CpuSteal.ShareSince(_cpuAtStart) is { } stolen)
        {
            md.AppendLine(Invariant($"- CPU time the hypervisor gave to other guests during the run (steal, `/proc/stat`): {stolen:P0}. Rates fall with it; the work table does not."));
        }

        md.AppendLine($"- Runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, workstation GC, Release build");
        md.AppendLine($"- Shape: {settings.Describe()}. The shop runs in its own process on Kestrel over {(settings.PostgresServer is null ? "a SQLite file" : "PostgreSQL on loopback")}; the load generator and the fake Twilio run in another, over HTTP/1.1 on loopback. Allocations are the shop process's only (`GC.GetTotalAllocatedBytes` around each run).");
        md.AppendLine("- How the scenarios are built and what was changed to make the verify step fast: [bench/README.md](README.md).").AppendLine();

        AppendWork(md);
        AppendVerifyStep(md);
        md.AppendLine("## The whole sign-in: password, code by text through the fake Twilio, verify (4)").AppendLine();
        md.AppendLine("One operation is four requests: GET the sign-in page, POST the password (the code goes to Twilio), GET the verify page, POST the code.").AppendLine();
        Table(md, WholeSignIn);
        if (WholeSignIn.Count == 3)
        {
            var (stock, oursTemplate, oursPages) = (WholeSignIn[0], WholeSignIn[1], WholeSignIn[2]);
            md.AppendLine(Invariant($"On the same template pages, IdentityTfa's provider runs at {Share(oursTemplate, stock)} of the stock provider's sign-ins per second{Turns(oursTemplate, stock)}; IdentityTfa on the shop's pages (the request limits on the password step, the send's cooldown and limits, the delivery record and audit, the shop's layout) at {Share(oursPages, stock)}{Turns(oursPages, stock)} (round medians in brackets).")).AppendLine();
        }

        md.AppendLine("## The verify step as the data grows (5)").AppendLine();
        md.AppendLine("Each account has a confirmed phone, text messages enabled and one used sign-in code in the past; the four verify steps run in turn over the rounds, as in the main table. Shares are of requests per second in the same run, and the round medians follow in brackets.").AppendLine();
        md.AppendLine("| Accounts and challenges | Stock req/s | Single-use stock req/s | Ours, template page req/s | Ours, verify screen req/s | Ours (template) / single-use stock | Ours (template) / stock | Ours (screen) / stock | Ours KB/req (template; screen) | Failed |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in BySize)
        {
            md.AppendLine(Invariant($"| {size.Accounts:N0} | {size.Stock.PerSecond:F0} | {size.SingleUseStock.PerSecond:F0} | {size.OursTemplate.PerSecond:F0} | {size.OursScreen.PerSecond:F0} | {Share(size.OursTemplate, size.SingleUseStock)} | {Share(size.OursTemplate, size.Stock)} | {Share(size.OursScreen, size.Stock)} | {Kilobytes(size.OursTemplate)}; {Kilobytes(size.OursScreen)} | {size.All.Sum(r => r.Failures)} |"));
        }

        md.AppendLine();
        md.AppendLine("## Sending codes through the fake Twilio (6)").AppendLine();
        if (Sends is { } sends)
        {
            md.AppendLine("Each operation is \"Send new code\" on the verify screen of its own account: limits checked, challenge stored, message composed and posted to the fake Twilio, which checks it against Twilio's OpenAPI description.").AppendLine();
            md.AppendLine("| Codes sent | Messages/s | p50 ms | p99 ms | KB/send | Refused or failed | Received by Twilio | Destinations reached |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            md.AppendLine(Invariant($"| {sends.Run.Operations:N0} | {sends.Run.PerSecond:F0} | {sends.Run.P50:F2} | {sends.Run.P99:F2} | {Kilobytes(sends.Run)} | {sends.Run.Failures} | {sends.ReceivedByTwilio:N0} | {sends.DestinationsReached:N0} |"));
            md.AppendLine();
        }

        md.AppendLine("## Enumeration: unknown email against known email with a wrong password (issue 7)").AppendLine();
        md.AppendLine("Both get the same page and status; the unknown email spends a password check of the same cost, so the times should match. One request at a time (concurrency 1), the two kinds in turn over the rounds.").AppendLine();
        Table(md, Enumeration);
        if (Enumeration.Count == 2)
        {
            var (unknown, known) = (Enumeration[0], Enumeration[1]);
            md.AppendLine(Invariant($"Median difference: {unknown.P50 - known.P50:F2} ms ({(unknown.P50 - known.P50) / known.P50:P1} of the wrong password's median); p99 difference: {unknown.P99 - known.P99:F2} ms.")).AppendLine();
        }
        return md.ToString();
    }

    private StringBuilder AppendVerifyStep(StringBuilder md)
    {
        md.AppendLine("## The verify step (1, 2, 3)").AppendLine();
        Table(md, VerifyStep);
        if (VerifyStep.Count == 5)
        {
            var (ceiling, stock, template, screen, singleUse) = (VerifyStep[0], VerifyStep[1], VerifyStep[2], VerifyStep[3], VerifyStep[4]);
            md.AppendLine(Invariant($"IdentityTfa's verify step runs at {screen.PerSecond / stock.PerSecond:P0} of the stock provider's requests per second on the shop's verify screen and {template.PerSecond / stock.PerSecond:P0} on the template page; the stock provider runs at {stock.PerSecond / ceiling.PerSecond:P0} of the ceiling.")).AppendLine();
            md.AppendLine(Invariant($"Round by round (each round runs every scenario once, close together in time), IdentityTfa's requests per second as a share of the stock provider's: verify screen {Spread(screen, stock)}; template page {Spread(template, stock)}.")).AppendLine();
            if (stock.WriterTurnMicrosecondsPerOperation is { } stockTurn && template.WriterTurnMicrosecondsPerOperation is { } oursTurn)
            {
                md.AppendLine(Invariant($"SQLite lets one transaction write at a time, so every verify step waits for its turn to write and holds it for its writes and its commit: {stockTurn:F0} µs per verify with the stock provider, {oursTurn:F0} µs with ours on the same page. However many cores, no more than 1,000,000 / {stockTurn:F0} = {1_000_000 / stockTurn:F0} stock and {1_000_000 / oursTurn:F0} of our verifies per second can pass that turn.")).AppendLine();
            }

            md.AppendLine(Invariant($"The last row is the stock provider with its codes made single use as an app built on it would do it (one guarded upsert of the used code into Identity's user-token table, in the step's transaction; attempts still bounded only by lockout): IdentityTfa's verify step runs at {template.PerSecond / singleUse.PerSecond:P0} of its requests per second on the same page (round by round: {Spread(template, singleUse)}) and {screen.PerSecond / singleUse.PerSecond:P0} on the shop's verify screen.")).AppendLine();
        }

        return md;
    }

    private StringBuilder AppendWork(StringBuilder md)
    {
        if (Work.Count == 0)
        {
            return md;
        }

        md.AppendLine("## Work per operation, counted").AppendLine();
        md.AppendLine("Each operation runs one at a time in a shop process that counts what SQLite is asked to do (a trace and a commit hook on every connection); the numbers are averages over the operations and, unlike the rates below, do not move with what else the machine is doing. A commit is one flush of SQLite's log to disk and one turn of its single writer; a write outside a transaction commits on its own.").AppendLine();
        md.AppendLine("| Operation | Operations | SQL reads/op | SQL writes/op | Commits/op | Other statements/op (BEGIN, COMMIT, savepoints) | KB allocated/op | Failed |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var work in Work)
        {
            md.AppendLine(Invariant($"| {work.Name} | {work.Operations} | {work.Per(work.Statements.Reads):F1} | {work.Per(work.Statements.Writes):F1} | {work.Per(work.Statements.Commits):F1} | {work.Per(work.Statements.Others):F1} | {work.Per(work.AllocatedBytes) / 1024:F1} | {work.Failures} |"));
        }

        return md.AppendLine();
    }

    /// <summary>How long <paramref name="ours"/> holds SQLite's write turn per operation against <paramref name="stock"/>, when both were measured.</summary>
    private static string Turns(RunResult ours, RunResult stock) =>
        stock.WriterTurnMicrosecondsPerOperation is { } stockTurn && ours.WriterTurnMicrosecondsPerOperation is { } oursTurn
            ? Invariant($", holding SQLite's write turn {oursTurn / 1000:F1} ms per sign-in against {stockTurn / 1000:F1} ms ({oursTurn / stockTurn:F1}×)")
            : string.Empty;

    /// <summary>One rate over another for the whole run, with the median of the rounds' shares.</summary>
    private static string Share(RunResult ours, RunResult theirs)
    {
        var shares = ours.RoundsPerSecond.Zip(theirs.RoundsPerSecond, (a, b) => a / b).Order().ToArray();
        var median = shares.Length == 0 ? string.Empty : Invariant($" ({shares[shares.Length / 2]:P0})");
        return Invariant($"{ours.PerSecond / theirs.PerSecond:P0}{median}");
    }

    /// <summary>The median and the range of one scenario's rate over another's, round by round.</summary>
    private static string Spread(RunResult ours, RunResult theirs)
    {
        var shares = ours.RoundsPerSecond.Zip(theirs.RoundsPerSecond, (a, b) => a / b).Order().ToArray();
        return shares.Length == 0
            ? "not measured"
            : Invariant($"median {shares[shares.Length / 2]:P0}, from {shares[0]:P0} to {shares[^1]:P0}");
    }

    /// <summary>KB allocated per operation, or n/a when the process's allocation counter did not move forward.</summary>
    private static string Kilobytes(RunResult run) =>
        run.AllocatedBytes < 0 ? "n/a" : (run.AllocatedPerOperation / 1024).ToString("F1", CultureInfo.InvariantCulture);

    private static void Table(StringBuilder md, IEnumerable<RunResult> runs)
    {
        md.AppendLine("| Scenario | Operations | Concurrency | Ops/s | p50 ms | p99 ms | KB allocated/op | Shop CPU ms/op | SQLite write turn µs/op | Failed |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var turn = run.WriterTurnMicrosecondsPerOperation is { } held ? Invariant($"{held:F0}") : "–";
            md.AppendLine(Invariant($"| {run.Name} | {run.Operations:N0} | {run.Concurrency} | {run.PerSecond:F0} | {run.P50:F2} | {run.P99:F2} | {Kilobytes(run)} | {run.CpuMsPerOperation:F3} | {turn} | {run.Failures} |"));
        }

        md.AppendLine();
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return Invariant($"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory:F0} GiB");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The verify steps at one dataset size.</summary>
internal sealed record SizeResult(int Accounts, RunResult Stock, RunResult SingleUseStock, RunResult OursTemplate, RunResult OursScreen)
{
    public IEnumerable<RunResult> All => [Stock, SingleUseStock, OursTemplate, OursScreen];
}
