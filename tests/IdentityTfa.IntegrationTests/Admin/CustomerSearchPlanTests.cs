using System.Text.RegularExpressions;
using IdentityTfa.Administration;
using Microsoft.Data.Sqlite;

namespace IdentityTfa.IntegrationTests.Admin;

/// <summary>
/// The customer search stays fast as accounts grow because SQLite answers it from indexes; the query plan says so,
/// whatever the machine's speed (speed itself is for the benchmark, not for a test).
/// </summary>
public class CustomerSearchPlanTests
{
    [Theory]
    [InlineData("jane")]
    [InlineData("650253")]
    public async Task The_search_reads_indexes_and_never_scans_every_account(string term)
    {
        await using var shop = new ShopFactory();
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var search = CustomerSearch.Apply(db.Users.AsNoTracking(), term, 1);

        var plan = await PlanAsync(db, search.ToQueryString());

        Assert.DoesNotMatch(@"SCAN (AspNetUsers|a)\b(?! USING)", plan);
        Assert.Contains("MULTI-INDEX OR", plan);
        Assert.Contains("USING INDEX", plan);
    }

    private static async Task<string> PlanAsync(ShopDbContext db, string queryString)
    {
        var lines = queryString.Split('\n');
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (Match parameter in Regex.Matches(queryString, @"(?:-- |\.param set )(?<name>@\w+)[= ]'(?<value>(?:[^']|'')*)'"))
        {
            command.Parameters.AddWithValue(parameter.Groups["name"].Value, parameter.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal));
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join(" | ", plan);
    }
}
