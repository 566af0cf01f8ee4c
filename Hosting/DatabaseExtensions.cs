using IdentityTfa.Shop.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Shop.Hosting;

/// <summary>The shop's database: SQLite by default, migrated at start-up unless <c>Database:MigrateOnStartup</c> is false.</summary>
public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddShopDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("DefaultConnection")
            ?? throw new InvalidOperationException("ConnectionStrings:DefaultConnection is not set.");

        // A relative SQLite file lives in the content root, wherever the shop is started from.
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(sqlite.DataSource) && sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(builder.Environment.ContentRootPath, sqlite.DataSource);
        }

        builder.Services.AddDbContext<ShopDbContext>(options => options.UseSqlite(sqlite.ToString()));
        return builder;
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
