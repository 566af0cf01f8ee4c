using System.Collections.Concurrent;
using System.Globalization;
using IdentityTfa.Bench.Pages.Bench;
using IdentityTfa.IntegrationTests.Support;

namespace IdentityTfa.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/IdentityTfa.Bench [-- --quick]</c>: starts the fake Twilio, runs the shop in a
/// child process over SQLite files, drives every scenario over HTTP on loopback and writes bench/results.md.
/// </summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "serve")
        {
            return await ServeCommand.RunAsync(args[1], new Uri(args[2]));
        }

        var settings = BenchSettings.From(args);
        var profile = Array.IndexOf(args, "--profile") is var at and >= 0 ? args[at + 1] : null;
        var workDirectory = Directory.CreateTempSubdirectory("identitytfa-bench-");
        var texts = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var sent = 0;
        await using var twilio = await FakeTwilio.StartAsync();
        twilio.RequestAccepted += (_, form) =>
        {
            Interlocked.Increment(ref sent);
            texts[form["To"]] = form["Body"];
        };
        var report = new BenchReport(settings);
        try
        {
            if (profile is not null)
            {
                await ProfileAsync(settings, profile, workDirectory.FullName, twilio, texts);
                return 0;
            }

            if (settings.PostgresServer is null)
            {
                report.Work.AddRange(await WorkCounts.RunAsync(settings, workDirectory.FullName, twilio.BaseUrl, texts));
                if (settings.WorkOnly)
                {
                    Console.WriteLine(report.WorkMarkdown());
                    return report.AnyFailures ? 1 : 0;
                }
            }

            await RunMainDatasetAsync(settings, workDirectory.FullName, twilio, texts, () => Volatile.Read(ref sent), report);
            if (settings.VerifyOnly)
            {
                Console.WriteLine(report.VerifyStepMarkdown());
                return report.AnyFailures ? 1 : 0;
            }

            foreach (var accounts in settings.DatasetSizes)
            {
                await RunDatasetSizeAsync(settings, accounts, workDirectory.FullName, twilio, texts, report);
            }
        }
        finally
        {
            foreach (var name in settings.DatasetSizes.Select(size => $"size-{size}").Append("main").Append("profile").Append("work"))
            {
                await ForgetAsync(settings, workDirectory.FullName, name);
            }

            workDirectory.Delete(recursive: true);
        }

        if (!twilio.Violations.IsEmpty)
        {
            Console.Error.WriteLine("The fake Twilio saw requests that break Twilio's description: " + string.Join(" | ", twilio.Violations.Take(5)));
            return 1;
        }

        var path = Path.Combine(RepositoryFiles.Root, "bench", settings.ResultsFile);
        await File.WriteAllTextAsync(path, report.ToMarkdown());
        Console.WriteLine($"Wrote {path}");
        return report.AnyFailures ? 1 : 0;
    }

    private static async Task RunMainDatasetAsync(BenchSettings settings, string directory, FakeTwilio twilio, ConcurrentDictionary<string, string> texts, Func<int> sentSoFar, BenchReport report)
    {
        Console.WriteLine($"Main dataset: {settings.MainAccounts:N0} accounts");
        await ForgetAsync(settings, directory, "main");
        await using var shop = await ShopProcess.StartAsync(settings.Database(directory, "main"), twilio.BaseUrl);
        await shop.SeedAsync(settings.MainAccounts);
        using var http = NewHttpClient(shop.BaseAddress);
        var client = new ShopClient(http, texts);
        var runner = new LoadRunner(shop, settings.Concurrency);
        var accounts = new AccountCursor(settings.MainAccounts);

        report.VerifyStep.AddRange(await CompareAsync(settings.Rounds, settings.VerifyWarmUp, settings.VerifyRequests,
        [
            Verify(runner, client, accounts, "", "Ceiling: antiforgery POST that only redirects", client.CeilingAsync),
            StockOnTemplatePage(runner, client, accounts, "Verify, Identity's stock PhoneNumberTokenProvider (template page)"),
            OursOnTemplatePage(runner, client, accounts, "Verify, IdentityTfa's provider (template page)"),
            OursOnShopScreen(runner, client, accounts, "Verify, IdentityTfa's provider (the shop's verify screen)"),
            SingleUseStockOnTemplatePage(runner, client, accounts, "Verify, stock PhoneNumberTokenProvider made single use (template page)"),
        ]));
        if (settings.VerifyOnly)
        {
            return;
        }

        report.WholeSignIn.AddRange(await CompareAsync(settings.Rounds, settings.SignInWarmUp, settings.SignIns,
        [
            SignIn(runner, accounts, "Whole sign-in, stock PhoneNumberTokenProvider (template pages)", account => client.SignInOnTemplatePagesAsync(account, LoginModel.StockProvider)),
            SignIn(runner, accounts, "Whole sign-in, IdentityTfa's provider (template pages)", account => client.SignInOnTemplatePagesAsync(account, "Sms")),
            SignIn(runner, accounts, "Whole sign-in, IdentityTfa (the shop's pages)", client.SignInOnShopPagesAsync),
        ]));

        // One request at a time: a timing attack reads single answers, and queueing would blur them.
        var oneAtATime = new LoadRunner(shop, 1);
        var unknown = 0;
        report.Enumeration.AddRange(await CompareAsync(settings.Rounds, settings.EnumerationWarmUp, settings.EnumerationAttempts,
        [
            new Contender("Unknown email", (name, count) => oneAtATime.RunAsync(name, Enumerable.Range(unknown, count).Select(i => $"nobody{i}@nowhere.test").ToList(), email =>
            {
                Interlocked.Increment(ref unknown);
                return client.RefusedSignInAsync(email);
            })),
            new Contender("Known email, wrong password", (name, count) => oneAtATime.RunAsync(name, accounts.Take(count).Select(BenchData.Email).ToList(), client.RefusedSignInAsync)),
        ]));

        var sessions = await client.PrepareAsync(accounts.Take(settings.Sends), provider: "");
        var before = sentSoFar();
        var sends = await runner.RunAsync($"Send {settings.Sends:N0} codes through the fake Twilio", sessions, client.SendNewCodeAsync);
        report.Sends = (sends, sentSoFar() - before, sessions.Select(s => BenchData.Phone(s.Account)).Count(texts.ContainsKey));
    }

    /// <summary>
    /// <c>--profile stock|stock-single-use|ours|ours-template</c>: only that verify step, 1,000 times to warm up and then
    /// 19,000 times once the sessions are prepared and Enter is pressed, for a profiler attached to the shop process (its
    /// id is printed); <c>--profile send</c>: "Send new code" the same way; <c>--profile signin-stock|signin-ours-template|signin-ours</c>:
    /// the whole sign-in, as many times as the full run warms it up and then 400 measured.
    /// Writes no results.
    /// </summary>
    private static async Task ProfileAsync(BenchSettings settings, string provider, string directory, FakeTwilio twilio, ConcurrentDictionary<string, string> texts)
    {
        await ForgetAsync(settings, directory, "profile");
        await using var shop = await ShopProcess.StartAsync(settings.Database(directory, "profile"), twilio.BaseUrl);
        await shop.SeedAsync(20_000);
        using var http = NewHttpClient(shop.BaseAddress);
        var client = new ShopClient(http, texts);
        var runner = new LoadRunner(shop, settings.Concurrency);
        var accounts = new AccountCursor(20_000);
        if (provider.StartsWith("signin-", StringComparison.Ordinal))
        {
            Func<int, Task<bool>> signIn = provider switch
            {
                "signin-stock" => account => client.SignInOnTemplatePagesAsync(account, LoginModel.StockProvider),
                "signin-ours-template" => account => client.SignInOnTemplatePagesAsync(account, "Sms"),
                _ => client.SignInOnShopPagesAsync,
            };
            await runner.RunAsync("warm-up", accounts.Take(settings.SignInWarmUp), signIn);
            WaitForProfiler(shop);
            await runner.RunAsync(provider, accounts.Take(400), signIn);
            return;
        }

        var (tokenProvider, verify) = provider switch
        {
            "send" => ("", (Func<PreparedSession, Task<bool>>)client.SendNewCodeAsync),
            "stock" => (LoginModel.StockProvider, s => client.VerifyOnTemplatePageAsync(s, LoginModel.StockProvider)),
            "stock-single-use" => (SingleUseStockProvider.Name, s => client.VerifyOnTemplatePageAsync(s, SingleUseStockProvider.Name)),
            "ours-template" => ("Sms", s => client.VerifyOnTemplatePageAsync(s, "Sms")),
            _ => ("Sms", client.VerifyOnShopPageAsync),
        };
        await runner.RunAsync("warm-up", await client.PrepareAsync(accounts.Take(1_000), tokenProvider), verify);
        var sessions = await client.PrepareAsync(accounts.Take(19_000), tokenProvider);
        WaitForProfiler(shop);
        await runner.RunAsync(provider, sessions, verify);
    }

    /// <summary>Says which process to attach a profiler to, and starts the measured run when Enter is pressed.</summary>
    private static void WaitForProfiler(ShopProcess shop)
    {
        Console.WriteLine($"shop process {shop.ProcessId}; press Enter to start");
        Console.ReadLine();
        Console.WriteLine("measuring");
    }

    private static async Task RunDatasetSizeAsync(BenchSettings settings, int size, string directory, FakeTwilio twilio, ConcurrentDictionary<string, string> texts, BenchReport report)
    {
        Console.WriteLine($"Dataset: {size:N0} accounts and challenges");
        await ForgetAsync(settings, directory, $"size-{size}");
        await using (var shop = await ShopProcess.StartAsync(settings.Database(directory, $"size-{size}"), twilio.BaseUrl))
        {
            await shop.SeedAsync(size);
            using var http = NewHttpClient(shop.BaseAddress);
            var client = new ShopClient(http, texts);
            var runner = new LoadRunner(shop, settings.Concurrency);
            var accounts = new AccountCursor(size);
            var measured = Math.Min(settings.SizeVerifyRequests / settings.Rounds, size);
            var results = await CompareAsync(settings.Rounds, Math.Min(settings.VerifyWarmUp, size), measured * settings.Rounds,
            [
                StockOnTemplatePage(runner, client, accounts, "stock"),
                SingleUseStockOnTemplatePage(runner, client, accounts, "stock made single use"),
                OursOnTemplatePage(runner, client, accounts, "ours (template page)"),
                OursOnShopScreen(runner, client, accounts, "ours (verify screen)"),
            ]);
            report.BySize.Add(new SizeResult(size, results[0], results[1], results[2], results[3]));
        }

        await ForgetAsync(settings, directory, $"size-{size}");
    }

    /// <summary>
    /// Warms each contender up, then runs them in turn, round after round, so that whatever else the machine does
    /// falls on all of them alike; each round starts one contender further on, so that none always runs right after
    /// the same other one (whose writes it would find still being checkpointed). Each contender's rounds are then
    /// reported as one result.
    /// </summary>
    private static async Task<List<RunResult>> CompareAsync(int rounds, int warmUp, int operations, IReadOnlyList<Contender> contenders)
    {
        foreach (var contender in contenders)
        {
            await contender.RunAsync("warm-up", warmUp);
        }

        var results = contenders.Select(_ => new List<RunResult>()).ToList();
        for (var round = 1; round <= rounds; round++)
        {
            for (var turn = 0; turn < contenders.Count; turn++)
            {
                var i = (turn + round - 1) % contenders.Count;
                results[i].Add(await contenders[i].RunAsync($"{contenders[i].Name} (round {round})", operations / rounds));
            }
        }

        return contenders.Select((c, i) => RunResult.Merge(c.Name, results[i])).ToList();
    }

    /// <summary>The verify step: sessions prepared with fresh codes (not timed), then only the verify POSTs timed.</summary>
    private static Contender Verify(LoadRunner runner, ShopClient client, AccountCursor accounts, string provider, string name, Func<PreparedSession, Task<bool>> verify) =>
        new(name, async (runName, count) => await runner.RunAsync(runName, await client.PrepareAsync(accounts.Take(count), provider), verify));

    /// <summary>Removes a dataset: its SQLite files, or its PostgreSQL database.</summary>
    private static async Task ForgetAsync(BenchSettings settings, string directory, string name)
    {
        if (settings.PostgresServer is null)
        {
            foreach (var file in Directory.EnumerateFiles(directory, $"{name}.db*"))
            {
                File.Delete(file);
            }

            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(settings.PostgresServer);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS identitytfa_bench_{name.Replace('-', '_')} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The whole sign-in, one account each.</summary>
    private static Contender SignIn(LoadRunner runner, AccountCursor accounts, string name, Func<int, Task<bool>> signIn) =>
        new(name, (runName, count) => runner.RunAsync(runName, accounts.Take(count), signIn));

    private static Contender StockOnTemplatePage(LoadRunner runner, ShopClient client, AccountCursor accounts, string name) =>
        Verify(runner, client, accounts, LoginModel.StockProvider, name, s => client.VerifyOnTemplatePageAsync(s, LoginModel.StockProvider));

    private static Contender SingleUseStockOnTemplatePage(LoadRunner runner, ShopClient client, AccountCursor accounts, string name) =>
        Verify(runner, client, accounts, SingleUseStockProvider.Name, name, s => client.VerifyOnTemplatePageAsync(s, SingleUseStockProvider.Name));

    private static Contender OursOnTemplatePage(LoadRunner runner, ShopClient client, AccountCursor accounts, string name) =>
        Verify(runner, client, accounts, "Sms", name, s => client.VerifyOnTemplatePageAsync(s, "Sms"));

    private static Contender OursOnShopScreen(LoadRunner runner, ShopClient client, AccountCursor accounts, string name) =>
        Verify(runner, client, accounts, "Sms", name, client.VerifyOnShopPageAsync);

    public static HttpClient NewHttpClient(Uri baseAddress)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };

        // The driver stands where Production's TLS-ending proxy stands (on loopback, which the shop believes by
        // default): the shop sees https, so it neither redirects nor withholds its Secure cookies.
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }
}

/// <summary>
/// Hands out accounts in turn, so that a run's prepared sessions never share an account (a new code ends the last).
/// An account comes round again at most a few times a minute, well inside the default verify rate (10/1m).
/// </summary>
internal sealed class AccountCursor(int accounts)
{
    private int _next;

    public IReadOnlyList<int> Take(int count)
    {
        var taken = Enumerable.Range(0, Math.Min(count, accounts)).Select(i => (_next + i) % accounts).ToList();
        _next = (_next + taken.Count) % accounts;
        return taken;
    }
}

/// <summary>One side of a comparison: runs <c>count</c> operations under a name and reports them.</summary>
internal sealed record Contender(string Name, Func<string, int, Task<RunResult>> RunAsync);

/// <summary>How big a run is.</summary>
internal sealed record BenchSettings(bool Quick, int Rounds, int Concurrency, int MainAccounts, int VerifyWarmUp, int VerifyRequests, int SizeVerifyRequests, int SignInWarmUp, int SignIns, int EnumerationWarmUp, int EnumerationAttempts, int Sends, int[] DatasetSizes)
{
    /// <summary>A PostgreSQL server's connection string (<c>--postgres</c>), without a database; null for SQLite files.</summary>
    public string? PostgresServer { get; init; }

    /// <summary><c>--verify-only</c>: only the verify step's comparison, printed rather than written, for trying a change.</summary>
    public bool VerifyOnly { get; init; }

    /// <summary><c>--work-only</c>: only the work-per-operation table (statements, commits, allocations), printed rather than written.</summary>
    public bool WorkOnly { get; init; }

    public string Engine => PostgresServer is null ? "SQLite" : "PostgreSQL";

    /// <summary>Where a dataset lives: a SQLite file in the run's folder, or a database of its own on the server.</summary>
    public string Database(string directory, string name) => PostgresServer is null
        ? Path.Combine(directory, name + ".db")
        : $"{PostgresServer.TrimEnd(';')};Database=identitytfa_bench_{name.Replace('-', '_')}";

    public string ResultsFile => (Quick, PostgresServer is null) switch
    {
        (true, true) => "results.quick.md",
        (false, true) => "results.md",
        (true, false) => "results.postgres.quick.md",
        (false, false) => "results.postgres.md",
    };

    public static BenchSettings From(string[] args)
    {
        var settings = args.Contains("--quick")
            ? new BenchSettings(true, 2, 8, 3_000, 50, 300, 300, 10, 40, 10, 40, 500, [1_000])
            : new BenchSettings(false, 8, 8, 30_000, 1_000, 12_000, 6_000, 2_000, 304, 30, 304, 10_000, [1_000, 100_000, 1_000_000]);
        var concurrency = Array.IndexOf(args, "--concurrency");
        if (concurrency >= 0)
        {
            settings = settings with { Concurrency = int.Parse(args[concurrency + 1], CultureInfo.InvariantCulture) };
        }

        settings = settings with { VerifyOnly = args.Contains("--verify-only"), WorkOnly = args.Contains("--work-only") };
        var postgres = Array.IndexOf(args, "--postgres");
        return postgres >= 0 ? settings with { PostgresServer = args[postgres + 1] } : settings;
    }

    public string Command => "dotnet run -c Release --project bench/IdentityTfa.Bench"
        + (Quick || PostgresServer is not null ? " --" : string.Empty)
        + (Quick ? " --quick" : string.Empty)
        + (PostgresServer is null ? string.Empty : " --postgres \"Host=127.0.0.1;Port=55432;Username=postgres\"");

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"concurrency {Concurrency}; verify: {VerifyRequests:N0} measured requests per scenario after {VerifyWarmUp:N0} warm-up, each on its own account ({SizeVerifyRequests:N0} per scenario in the growing datasets); whole sign-in: {SignIns:N0} after {SignInWarmUp:N0} to warm up (until the runtime has stopped compiling: see bench/README.md); enumeration: {EnumerationAttempts:N0} after {EnumerationWarmUp:N0}; the scenarios compared run in turn over {Rounds} rounds and each row adds its rounds up; main dataset {MainAccounts:N0} accounts");
}
