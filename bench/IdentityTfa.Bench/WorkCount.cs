using System.Collections.Concurrent;
using IdentityTfa.Bench.Pages.Bench;

namespace IdentityTfa.Bench;

/// <summary>What one kind of operation asked of SQLite and of the allocator, on average, one operation at a time.</summary>
internal sealed record WorkCount(string Name, int Operations, StatementCount Statements, long AllocatedBytes, int Failures)
{
    public double Per(long total) => (double)total / Operations;
}

/// <summary>
/// The "work per operation" table: each operation run one at a time in a shop process that counts its SQLite
/// statements and commits (<see cref="StatementCounter"/>). Unlike requests per second, these numbers do not move with
/// what else the machine is doing, so a change that saves a statement or a commit shows in every run.
/// </summary>
internal static class WorkCounts
{
    private const int Accounts = 2_000;
    private const int WarmUp = 10;
    private const int Measured = 50;

    public static async Task<List<WorkCount>> RunAsync(BenchSettings settings, string directory, Uri twilioBaseUrl, ConcurrentDictionary<string, string> texts)
    {
        Console.WriteLine("Work per operation (statements counted)");
        await using var shop = await ShopProcess.StartAsync(settings.Database(directory, "work"), twilioBaseUrl, countStatements: true);
        await shop.SeedAsync(Accounts);
        using var http = BenchMain.NewHttpClient(shop.BaseAddress);
        var client = new ShopClient(http, texts);
        var accounts = new AccountCursor(Accounts);

        async Task<WorkCount> Verify(string name, string provider, Func<PreparedSession, Task<bool>> verify)
        {
            await CountAsync(shop, "warm-up", await client.PrepareAsync(accounts.Take(WarmUp), provider), verify);
            return await CountAsync(shop, name, await client.PrepareAsync(accounts.Take(Measured), provider), verify);
        }

        async Task<WorkCount> SignIn(string name, Func<int, Task<bool>> signIn)
        {
            await CountAsync(shop, "warm-up", accounts.Take(WarmUp), signIn);
            return await CountAsync(shop, name, accounts.Take(Measured), signIn);
        }

        return
        [
            await Verify("Verify, stock provider (template page)", LoginModel.StockProvider, s => client.VerifyOnTemplatePageAsync(s, LoginModel.StockProvider)),
            await Verify("Verify, stock provider made single use (template page)", SingleUseStockProvider.Name, s => client.VerifyOnTemplatePageAsync(s, SingleUseStockProvider.Name)),
            await Verify("Verify, IdentityTfa (template page)", "Sms", s => client.VerifyOnTemplatePageAsync(s, "Sms")),
            await Verify("Verify, IdentityTfa (the shop's verify screen)", "Sms", client.VerifyOnShopPageAsync),
            await SignIn("Whole sign-in, stock provider (template pages)", account => client.SignInOnTemplatePagesAsync(account, LoginModel.StockProvider)),
            await SignIn("Whole sign-in, IdentityTfa's provider (template pages)", account => client.SignInOnTemplatePagesAsync(account, "Sms")),
            await SignIn("Whole sign-in, IdentityTfa (the shop's pages)", client.SignInOnShopPagesAsync),
            await Verify("Send new code (the shop's verify screen)", "", client.SendNewCodeAsync),
        ];
    }

    private static async Task<WorkCount> CountAsync<T>(ShopProcess shop, string name, IReadOnlyList<T> operations, Func<T, Task<bool>> operation)
    {
        var statementsBefore = await shop.StatementsAsync();
        var allocatedBefore = await shop.AllocatedBytesAsync();
        var failures = 0;
        foreach (var input in operations)
        {
            failures += await operation(input) ? 0 : 1;
        }

        var allocated = await shop.AllocatedBytesAsync() - allocatedBefore;
        var count = new WorkCount(name, operations.Count, await shop.StatementsAsync() - statementsBefore, allocated, failures);
        Console.WriteLine($"  {name}: {count.Per(count.Statements.Reads):F1} reads, {count.Per(count.Statements.Writes):F1} writes, {count.Per(count.Statements.Commits):F1} commits, {count.Per(count.Statements.Others):F1} other statements, {count.Per(allocated) / 1024:F1} KB/op, {failures} failed");
        return count;
    }
}
