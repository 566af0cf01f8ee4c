using System.Data.Common;
using IdentityTfa.Metrics;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Persistence;

/// <summary>
/// Runs a group of writes as one database transaction: all of them or none, and one commit (on SQLite one flush of the
/// log to disk, after one wait in the writers' queue) instead of one per statement. Inside a transaction the caller
/// already has, the writes join it (behind a savepoint, so that they alone can be undone).
/// </summary>
internal sealed class WriteUnit(TwoFactorDbContextAccessor db, TwoFactorMetrics metrics, TimeProvider time)
{
    private const string Savepoint = "identitytfa_write_unit";

    /// <summary>
    /// Runs <paramref name="writes"/> in one transaction and commits it. Nothing in them may wait for another connection
    /// to write: on SQLite that connection would wait for this one's commit.
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> writes, CancellationToken cancellationToken) =>
        RunAsync(writes, _ => true, cancellationToken);

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, CancellationToken)"/>
    public Task RunAsync(Func<Task> writes, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                await writes();
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="writes"/> in one transaction, and keeps them only when <paramref name="keep"/> says so of
    /// what they came to; otherwise they are rolled back, and their result is still returned.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> writes, Func<T, bool> keep, CancellationToken cancellationToken)
    {
        var database = db.Context.Database;
        if (database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(Savepoint, cancellationToken);
            T joined;
            try
            {
                joined = await writes();
            }
            catch
            {
                // Undone on their own, whatever the caller then does with its transaction; when the engine has already
                // ended the whole transaction (a full disk on SQLite), there is no savepoint left, and the writes' own
                // error is the one to report.
                try
                {
                    await outer.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                }
                catch (DbException)
                {
                }

                throw;
            }

            if (keep(joined))
            {
                await outer.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
            }
            else
            {
                await outer.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            }

            return joined;
        }

        using var turn = await SqliteWriterQueue.WaitForTurnAsync(database, metrics, time, cancellationToken);
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var result = await writes();

        // Once the writes are made they are kept (or undone), even when the request that made them has gone.
        if (keep(result))
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        else
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }

        return result;
    }
}
