using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace PackageConsumer.Tests;

/// <summary>The consumer app on a real Kestrel port, in Development so codes land in its /dev/inbox.</summary>
public sealed class ConsumerApp : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"identitytfa-consumer-{Guid.NewGuid():N}.db");

    public Uri Address { get; private set; } = new("http://127.0.0.1");

    public static ConsumerApp Start()
    {
        var app = new ConsumerApp();
        app.UseKestrel(0);
        app.StartServer();
        app.Address = app.ClientOptions.BaseAddress;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={_database}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
