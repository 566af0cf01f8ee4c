using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace IdentityTfa.Bench;

/// <summary>
/// Counts, in the shop's process, what SQLite is asked to do: the statements it runs (reads, writes, the rest) and the
/// commits that wrote (a transaction's, or a lone write's own). These do not depend on how busy the machine is, so the
/// "work per operation" table can be compared across runs and machines where requests per second cannot. Attached to
/// every connection as it opens, only in the shop process of that table (the timed runs do not pay for it).
/// </summary>
internal sealed class StatementCounter : DbConnectionInterceptor
{
    /// <summary>The environment variable that turns counting on in a shop process (see <see cref="ShopProcess"/>).</summary>
    public const string Switch = "IDENTITYTFA_BENCH_COUNT_STATEMENTS";

    private static long _reads;
    private static long _writes;
    private static long _others;
    private static long _commits;

    private static readonly delegate_trace OnStatement = (_, statement) =>
    {
        var text = statement.utf8_to_string().TrimStart();
        if (StartsWith(text, "SELECT") || StartsWith(text, "WITH"))
        {
            Interlocked.Increment(ref _reads);
        }
        else if (StartsWith(text, "INSERT") || StartsWith(text, "UPDATE") || StartsWith(text, "DELETE"))
        {
            Interlocked.Increment(ref _writes);
        }
        else
        {
            Interlocked.Increment(ref _others);
        }
    };

    private static readonly delegate_commit OnCommit = _ =>
    {
        Interlocked.Increment(ref _commits);
        return 0;
    };

    /// <summary>Statements and commits since the shop started.</summary>
    public static (long Reads, long Writes, long Others, long Commits) Total =>
        (Interlocked.Read(ref _reads), Interlocked.Read(ref _writes), Interlocked.Read(ref _others), Interlocked.Read(ref _commits));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Attach(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Attach(connection);
        return Task.CompletedTask;
    }

    private static bool StartsWith(string text, string word) => text.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private static void Attach(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            raw.sqlite3_trace(handle, OnStatement, null);
            raw.sqlite3_commit_hook(handle, OnCommit, null);
        }
    }
}
