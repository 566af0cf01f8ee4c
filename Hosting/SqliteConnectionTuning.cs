using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace IdentityTfa.Shop.Hosting;

/// <summary>
/// Lets SQLite itself wait for a writer in another request (it tries again within milliseconds, for up to 30 seconds)
/// instead of the driver's own retry, which sleeps 150 ms a time and makes concurrent sign-ins queue behind each other.
/// </summary>
public sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    private const int BusyTimeoutMilliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Tune(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Tune(connection);
        return Task.CompletedTask;
    }

    private static void Tune(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds);
        }
    }
}
