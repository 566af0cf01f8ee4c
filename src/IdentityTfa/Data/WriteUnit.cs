using IdentityTfa.Metrics;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Data;

/// <summary>
/// Runs a group of writes as one database transaction: all of them or none, and one commit (on SQLite one flush of the
/// log to disk, after one wait in the writers' queue) instead of one per statement. Inside a transaction the caller
/// already has, the writes join it.
/// </summary>
internal sealed class WriteUnit(TfaDbContextAccessor db, IdentityTfaMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="writes"/> in one transaction and commits it. Nothing in them may wait for another connection
    /// to write: on SQLite that connection would wait for this one's commit.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> writes, CancellationToken cancellationToken)
    {
        var database = db.Context.Database;
        if (database.CurrentTransaction is not null)
        {
            return await writes();
        }

        using var turn = await SqliteWriterQueue.WaitForTurnAsync(database, metrics, time, cancellationToken);
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var result = await writes();

        // Once the writes are made they are kept, even when the request that made them has gone.
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, CancellationToken)"/>
    public Task RunAsync(Func<Task> writes, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                await writes();
                return true;
            },
            cancellationToken);
}
