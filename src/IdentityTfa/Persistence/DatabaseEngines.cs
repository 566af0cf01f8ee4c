using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityTfa.Persistence;

/// <summary>
/// The database engines IdentityTfa runs on: SQLite and PostgreSQL. Its hand-written statements (<see cref="SqlStatements"/>)
/// use the SQL both read and are tested on both, and SQLite's writers queue in <see cref="SqliteWriterQueue"/>.
/// </summary>
internal static class DatabaseEngines
{
    /// <summary>EF Core's SQLite provider.</summary>
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Npgsql's PostgreSQL provider.</summary>
    public const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static bool IsSupported(string? providerName) => providerName is Sqlite or PostgreSql;
}

/// <summary>Refuses to start over any other engine, with a message, rather than fail on a sign-in's first statement.</summary>
internal sealed class DatabaseEngineCheck<TContext>(IServiceScopeFactory scopes) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<TContext>().Database.ProviderName;
        if (!DatabaseEngines.IsSupported(provider))
        {
            throw new InvalidOperationException(
                $"IdentityTfa runs on SQLite ({DatabaseEngines.Sqlite}) or PostgreSQL ({DatabaseEngines.PostgreSql}); {typeof(TContext).Name} uses "
                + $"{provider ?? "no database provider"}. Configure {typeof(TContext).Name} with UseSqlite or UseNpgsql.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
