using System.Data.Common;
using IdentityTfa.Shop.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IdentityTfa.Shop.Hosting;

/// <summary>The shop's database: SQLite by default, migrated at start-up unless <c>Database:MigrateOnStartup</c> is false.</summary>
public static class DatabaseExtensions
{
    private static readonly SqliteConnectionTuning ConnectionTuning = new();

    // Statements each PostgreSQL connection keeps prepared (the most used; Npgsql drops the least recently used).
    private const int AutoPreparedStatements = 50;

    public static WebApplicationBuilder AddShopDatabase(this WebApplicationBuilder builder)
    {
        // Both engines are registered; Database:Provider picks one when the first context is made, so that
        // configuration added after this call (tests, user secrets) counts. The contexts are pooled: a request
        // leases one whose internal services are already made, which a new context spent about 5 % of a verify's
        // CPU on (bench/README.md, change 17).
        builder.Services.AddDbContextPool<SqliteShopDbContext>((services, options) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();

            // On PostgreSQL the SQLite context is never used; it only has to be creatable, as design-time tools create every context.
            options.UseSqlite(IsPostgres(configuration) ? "Data Source=:memory:" : SqliteConnectionString(configuration, services.GetRequiredService<IWebHostEnvironment>()))
                .AddInterceptors(ConnectionTuning);
        });
        builder.Services.AddDbContextPool<PostgresShopDbContext>((services, options) =>
            options.UseNpgsql(PostgresConnectionString(services.GetRequiredService<IConfiguration>())));
        builder.Services.AddScoped<ShopDbContext>(services => IsPostgres(services.GetRequiredService<IConfiguration>())
            ? services.GetRequiredService<PostgresShopDbContext>()
            : services.GetRequiredService<SqliteShopDbContext>());

        builder.Services.AddDataProtection().PersistKeysToDbContext<ShopDbContext>().SetApplicationName("IdentityTfa.Shop");
        return builder;
    }

    private static bool IsPostgres(IConfiguration configuration) =>
        (configuration["Database:Provider"] ?? "Sqlite") switch
        {
            "Sqlite" => false,
            "Postgres" => true,
            var other => throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres (was '{other}')."),
        };

    private static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("DefaultConnection");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("ConnectionStrings:DefaultConnection is not set; for example \"Data Source=identitytfa.db\".")
            : connectionString;
    }

    /// <summary>
    /// The PostgreSQL connection string, with Npgsql's automatic preparation on unless the string sets
    /// <c>Max Auto Prepare</c> itself: a statement run often (every sign-in runs the same few) is parsed and planned by
    /// the server once per connection instead of every time. Behind a pooler that cannot keep prepared statements
    /// (PgBouncer in transaction mode before 1.21), set <c>Max Auto Prepare=0</c>.
    /// </summary>
    private static string PostgresConnectionString(IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);

        // On SQLite this context is never used (see above), and the string is SQLite's.
        if (!IsPostgres(configuration) || Sets(connectionString, nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements }.ToString();
    }

    /// <summary>Whether a connection string gives this keyword (spaces and case aside); Npgsql's own builder knows every keyword, set or not.</summary>
    private static bool Sets(string connectionString, string keyword) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", string.Empty).Equals(keyword, StringComparison.OrdinalIgnoreCase));

    private static string SqliteConnectionString(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connectionString = ConnectionString(configuration);

        // A relative SQLite file lives in the content root, wherever the shop is started from.
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(sqlite.DataSource) && sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(environment.ContentRootPath, sqlite.DataSource);
        }

        return sqlite.ToString();
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database;
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await database.MigrateAsync();
        }

        if (database.IsSqlite())
        {
            // Write-ahead logging: readers never wait for a writer, and a commit is one append to the log rather
            // than a rollback journal made and removed. The setting stays with the file.
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        await AdminSeeder.SeedAsync(scope.ServiceProvider, app.Configuration);

        // Make or load the Data Protection key now, so that an instance started after this one finds this key in the
        // database instead of making its own, and every instance reads every cookie.
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("IdentityTfa.Shop.Startup").Protect("ready");
    }
}
