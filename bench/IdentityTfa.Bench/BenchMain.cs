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
            await RunMainDatasetAsync(settings, workDirectory.FullName, twilio, texts, () => Volatile.Read(ref sent), report);
            foreach (var accounts in settings.DatasetSizes)
            {
                await RunDatasetSizeAsync(settings, accounts, workDirectory.FullName, twilio, texts, report);
            }
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }

        if (!twilio.Violations.IsEmpty)
        {
            Console.Error.WriteLine("The fake Twilio saw requests that break Twilio's description: " + string.Join(" | ", twilio.Violations.Take(5)));
            return 1;
        }

        var path = Path.Combine(RepositoryFiles.Root, "bench", settings.Quick ? "results.quick.md" : "results.md");
        await File.WriteAllTextAsync(path, report.ToMarkdown());
        Console.WriteLine($"Wrote {path}");
        return report.AnyFailures ? 1 : 0;
    }

    private static async Task RunMainDatasetAsync(BenchSettings settings, string directory, FakeTwilio twilio, ConcurrentDictionary<string, string> texts, Func<int> sentSoFar, BenchReport report)
    {
        Console.WriteLine($"Main dataset: {settings.MainAccounts:N0} accounts");
        await using var shop = await ShopProcess.StartAsync(Path.Combine(directory, "main.db"), twilio.BaseUrl);
        await shop.SeedAsync(settings.MainAccounts);
        using var http = NewHttpClient(shop.BaseAddress);
        var client = new ShopClient(http, texts);
        var runner = new LoadRunner(shop, settings.Concurrency);
        var accounts = new AccountCursor(settings.MainAccounts);

        report.VerifyStep.Add(await MeasureVerifyAsync(runner, client, accounts, settings, "", "Ceiling: antiforgery POST that only redirects", client.CeilingAsync));
        report.VerifyStep.Add(await MeasureVerifyAsync(runner, client, accounts, settings, LoginModel.StockProvider, "Verify, Identity's stock PhoneNumberTokenProvider (template page)", s => client.VerifyOnTemplatePageAsync(s, LoginModel.StockProvider)));
        report.VerifyStep.Add(await MeasureVerifyAsync(runner, client, accounts, settings, "Sms", "Verify, IdentityTfa's provider (template page)", s => client.VerifyOnTemplatePageAsync(s, "Sms")));
        report.VerifyStep.Add(await MeasureVerifyAsync(runner, client, accounts, settings, "Sms", "Verify, IdentityTfa's provider (the shop's verify screen)", client.VerifyOnShopPageAsync));

        await runner.RunAsync("warm-up", accounts.Take(settings.SignInWarmUp), client.SignInWithStockProviderAsync);
        report.WholeSignIn.Add(await runner.RunAsync("Whole sign-in, stock PhoneNumberTokenProvider", accounts.Take(settings.SignIns), client.SignInWithStockProviderAsync));
        await runner.RunAsync("warm-up", accounts.Take(settings.SignInWarmUp), client.SignInOnShopPagesAsync);
        report.WholeSignIn.Add(await runner.RunAsync("Whole sign-in, IdentityTfa (the shop's pages)", accounts.Take(settings.SignIns), client.SignInOnShopPagesAsync));

        await runner.RunAsync("warm-up", Enumerable.Range(0, settings.SignInWarmUp).Select(i => $"warm{i}@nowhere.test").ToList(), client.RefusedSignInAsync);
        report.Enumeration.Add(await runner.RunAsync("Unknown email", Enumerable.Range(0, settings.EnumerationAttempts).Select(i => $"nobody{i}@nowhere.test").ToList(), client.RefusedSignInAsync));
        report.Enumeration.Add(await runner.RunAsync("Known email, wrong password", accounts.Take(settings.EnumerationAttempts).Select(BenchData.Email).ToList(), client.RefusedSignInAsync));

        var sessions = await client.PrepareAsync(accounts.Take(settings.Sends), provider: "");
        var before = sentSoFar();
        var sends = await runner.RunAsync($"Send {settings.Sends:N0} codes through the fake Twilio", sessions, client.SendNewCodeAsync);
        report.Sends = (sends, sentSoFar() - before, sessions.Select(s => BenchData.Phone(s.Account)).Count(texts.ContainsKey));
    }

    private static async Task RunDatasetSizeAsync(BenchSettings settings, int size, string directory, FakeTwilio twilio, ConcurrentDictionary<string, string> texts, BenchReport report)
    {
        Console.WriteLine($"Dataset: {size:N0} accounts and challenges");
        var path = Path.Combine(directory, $"size-{size}.db");
        await using (var shop = await ShopProcess.StartAsync(path, twilio.BaseUrl))
        {
            await shop.SeedAsync(size);
            using var http = NewHttpClient(shop.BaseAddress);
            var client = new ShopClient(http, texts);
            var runner = new LoadRunner(shop, settings.Concurrency);
            var accounts = new AccountCursor(size);
            var measured = Math.Min(settings.VerifyRequests, size);
            var stock = await MeasureVerifyAsync(runner, client, accounts, settings with { VerifyRequests = measured }, LoginModel.StockProvider, "stock", s => client.VerifyOnTemplatePageAsync(s, LoginModel.StockProvider));
            var ours = await MeasureVerifyAsync(runner, client, accounts, settings with { VerifyRequests = measured }, "Sms", "ours", client.VerifyOnShopPageAsync);
            report.BySize.Add((size, stock, ours));
        }

        foreach (var file in Directory.EnumerateFiles(directory, $"size-{size}.db*"))
        {
            File.Delete(file);
        }
    }

    private static async Task<RunResult> MeasureVerifyAsync(LoadRunner runner, ShopClient client, AccountCursor accounts, BenchSettings settings, string provider, string name, Func<PreparedSession, Task<bool>> verify)
    {
        await runner.RunAsync("warm-up", await client.PrepareAsync(accounts.Take(settings.VerifyWarmUp), provider), verify);
        return await runner.RunAsync(name, await client.PrepareAsync(accounts.Take(settings.VerifyRequests), provider), verify);
    }

    private static HttpClient NewHttpClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    };
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

/// <summary>How big a run is.</summary>
internal sealed record BenchSettings(bool Quick, int Concurrency, int MainAccounts, int VerifyWarmUp, int VerifyRequests, int SignInWarmUp, int SignIns, int EnumerationAttempts, int Sends, int[] DatasetSizes)
{
    public static BenchSettings From(string[] args) => args.Contains("--quick")
        ? new(true, 8, 3_000, 50, 300, 10, 40, 40, 500, [1_000])
        : new(false, 8, 26_000, 300, 2_000, 30, 300, 200, 10_000, [1_000, 100_000, 1_000_000]);

    public string Command => Quick ? "dotnet run -c Release --project bench/IdentityTfa.Bench -- --quick" : "dotnet run -c Release --project bench/IdentityTfa.Bench";

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"concurrency {Concurrency}; verify: {VerifyRequests:N0} measured requests after {VerifyWarmUp:N0} warm-up, each on its own account; whole sign-in: {SignIns:N0} after {SignInWarmUp:N0}; main dataset {MainAccounts:N0} accounts");
}
