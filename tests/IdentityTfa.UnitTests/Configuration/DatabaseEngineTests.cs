using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace IdentityTfa.UnitTests.Configuration;

/// <summary>The library's hand-written SQL is written and tested for SQLite and PostgreSQL: any other engine is refused at start-up.</summary>
public class DatabaseEngineTests
{
    [Fact]
    public async Task An_engine_other_than_SQLite_or_PostgreSQL_refuses_to_start_and_says_which_ones_run()
    {
        await using var services = Build(options => options.UseInMemoryDatabase("not-relational"));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("SQLite", refusal.Message);
        Assert.Contains("PostgreSQL", refusal.Message);
        Assert.Contains("Microsoft.EntityFrameworkCore.InMemory", refusal.Message);
        Assert.Contains("UseSqlite or UseNpgsql", refusal.Message);
    }

    [Fact]
    public async Task SQLite_starts()
    {
        var file = Path.Combine(Path.GetTempPath(), $"identitytfa-engine-{Guid.NewGuid():N}.db");
        await using var services = Build(options => options.UseSqlite($"Data Source={file}"));

        await StartAsync(services);
        await StopAsync(services);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    private static ServiceProvider Build(Action<DbContextOptionsBuilder> engine)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDbContext<TestDbContext>(engine);
        services.AddIdentityCore<IdentityUser>()
            .AddEntityFrameworkStores<TestDbContext>()
            .AddIdentityTfa<TestDbContext>(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    // As the host does: every hosted service started in the order they were added.
    private static async Task StartAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    private static async Task StopAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }
}
