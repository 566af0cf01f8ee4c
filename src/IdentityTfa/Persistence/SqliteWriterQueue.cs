using System.Collections.Concurrent;
using IdentityTfa.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IdentityTfa.Persistence;

/// <summary>
/// SQLite lets one connection write at a time; a second writer gets "busy" and sleeps before it tries again, longer
/// each time. Within one process, sign-ins that are about to write queue here instead, so that each starts the moment
/// the one before it commits. Other engines take row locks and are not queued.
/// </summary>
internal static class SqliteWriterQueue
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Queues = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for this database's turn to write; the turn ends when the returned value is disposed. How long the wait
    /// and the turn took go to <paramref name="metrics"/>: a wait that grows is a site at SQLite's one-writer limit.
    /// </summary>
    public static async Task<IDisposable?> WaitForTurnAsync(DatabaseFacade database, TwoFactorMetrics metrics, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (database.ProviderName != IdentityTfa.Persistence.DatabaseEngines.Sqlite || database.GetConnectionString() is not { } connectionString)
        {
            return null;
        }

        var queue = Queues.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
        var asked = time.GetTimestamp();
        await queue.WaitAsync(cancellationToken);
        var taken = time.GetTimestamp();
        metrics.WriterTurnWaited(time.GetElapsedTime(asked, taken));
        return new Turn(queue, metrics, time, taken);
    }

    private sealed class Turn(SemaphoreSlim queue, TwoFactorMetrics metrics, TimeProvider time, long taken) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                var held = time.GetElapsedTime(taken);
                queue.Release();
                metrics.WriterTurnHeld(held);
            }
        }
    }
}
