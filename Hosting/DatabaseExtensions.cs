using IdentityTfa.Shop.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Shop.Hosting;

/// <summary>The shop's database: SQLite by default, migrated at start-up unless <c>Database:MigrateOnStartup</c> is false.</summary>
public static class DatabaseExtensions
{
    private static readonly SqliteConnectionTuning ConnectionTuning = new();

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
            options.UseNpgsql(ConnectionString(services.GetRequiredService<IConfiguration>())));
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
