namespace IdentityTfa.Bench;

/// <summary>
/// The server side of the benchmark, in its own process so that its allocations are counted apart from the load
/// generator's. Answers one command per line on standard input: <c>seed N</c>, <c>settle</c>, <c>alloc</c>, <c>turn</c>, <c>count</c>, <c>quit</c>.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string databasePath, Uri twilioBaseUrl)
    {
        using var writerTurns = new WriterTurnListener();
        await using var shop = new BenchShop(databasePath, twilioBaseUrl).Start();
        Console.WriteLine($"ready {shop.BaseAddress}");
        while (Console.ReadLine() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words.FirstOrDefault())
            {
                case "seed":
                    await BenchData.SeedAsync(shop, int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture));
                    Console.WriteLine("ok");
                    break;
                case "settle":
                    await BenchData.SettleAsync(shop);
                    Console.WriteLine("settled");
                    break;
                case "alloc":
                    if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
                    {
                        Console.Error.WriteLine("---alloc---");
                    }

                    Console.WriteLine($"alloc {GC.GetTotalAllocatedBytes(precise: true)}");
                    break;
                case "turn":
                    var (held, turns) = writerTurns.Total;
                    Console.WriteLine($"turn {held.Ticks} {turns}");
                    break;
                case "count":
                    var (reads, writes, others, commits) = StatementCounter.Total;
                    Console.WriteLine($"count {reads} {writes} {others} {commits}");
                    break;
                case "quit":
                    return 0;
                default:
                    Console.WriteLine($"error unknown command '{line}'");
                    break;
            }
        }

        return 0;
    }
}
