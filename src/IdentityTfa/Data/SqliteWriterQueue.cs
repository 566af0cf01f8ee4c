using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IdentityTfa.Data;

/// <summary>
/// SQLite lets one connection write at a time; a second writer gets "busy" and sleeps before it tries again, longer
/// each time. Within one process, sign-ins that are about to write queue here instead, so that each starts the moment
/// the one before it commits. Other engines take row locks and are not queued.
/// </summary>
internal static class SqliteWriterQueue
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Queues = new(StringComparer.Ordinal);

    /// <summary>Waits for this database's turn to write; the turn ends when the returned value is disposed.</summary>
    public static async Task<IDisposable?> WaitForTurnAsync(DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        if (database.ProviderName != SqliteProvider || database.GetConnectionString() is not { } connectionString)
        {
            return null;
        }

        var queue = Queues.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
        await queue.WaitAsync(cancellationToken);
        return new Turn(queue);
    }

    private sealed class Turn(SemaphoreSlim queue) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                queue.Release();
            }
        }
    }
}
