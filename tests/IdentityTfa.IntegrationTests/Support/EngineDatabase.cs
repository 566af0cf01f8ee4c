using Npgsql;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>
/// The database of a test that runs on both engines: for "Sqlite" the shop factory's own file; for "Postgres" a
/// database of its own on the server that IDENTITYTFA_TEST_POSTGRES names (scripts/test.sh starts one), dropped when
/// this is disposed. Dispose it after the shops over it (declare it first).
/// </summary>
internal sealed class EngineDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string _name = $"identitytfa_{Guid.NewGuid():N}";

    public EngineDatabase(string engine)
    {
        if (engine == "Postgres")
        {
            _server = Environment.GetEnvironmentVariable("IDENTITYTFA_TEST_POSTGRES") is { Length: > 0 } server
                ? server
                : throw new InvalidOperationException("This test needs PostgreSQL: set IDENTITYTFA_TEST_POSTGRES (scripts/test.sh starts one on 127.0.0.1:55432).");
        }
    }

    /// <summary>The PostgreSQL database's connection string (null on SQLite, whose file the shop factory makes).</summary>
    public string? ConnectionString => _server is null ? null : $"{_server};Database={_name}";

    /// <summary>A shop over this database, with the test's own settings besides.</summary>
    public ShopFactory Shop(Dictionary<string, string?>? settings = null) => new(Settings(settings));

    /// <summary>The test's own settings, with this database's provider and connection string on PostgreSQL.</summary>
    public Dictionary<string, string?> Settings(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        if (ConnectionString is { } connectionString)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:DefaultConnection"] = connectionString;
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
