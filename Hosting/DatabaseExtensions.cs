using IdentityTfa.Shop.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Shop.Hosting;

/// <summary>The shop's database: SQLite by default, migrated at start-up unless <c>Database:MigrateOnStartup</c> is false.</summary>
public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddShopDatabase(this WebApplicationBuilder builder)
    {
        // Read when the first context is made, so that configuration added after this call (tests, user secrets) counts.
        builder.Services.AddDbContext<ShopDbContext>((services, options) =>
            options.UseSqlite(SqliteConnectionString(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IWebHostEnvironment>())));
        builder.Services.AddDataProtection().PersistKeysToDbContext<ShopDbContext>().SetApplicationName("IdentityTfa.Shop");
        return builder;
    }

    private static string SqliteConnectionString(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("DefaultConnection");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:DefaultConnection is not set; for example \"Data Source=identitytfa.db\".");
        }

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
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.MigrateAsync();
        }

        await AdminSeeder.SeedAsync(scope.ServiceProvider, app.Configuration);
    }
}
