using IdentityTfa.Configuration;
using IdentityTfa.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Maintenance;

/// <summary>Runs <see cref="ExpiredDataPurger"/> every <see cref="TwoFactorOptions.PurgeInterval"/> on the app's clock.</summary>
internal sealed class PurgeService(IServiceScopeFactory scopes, IOptionsMonitor<TwoFactorOptions> options, TimeProvider time, ILogger<PurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.PurgeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<ExpiredDataPurger>().PurgeAsync(stoppingToken);
                TwoFactorLog.Purged(logger, removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed round (the database restarting, say) is tried again at the next tick.
                TwoFactorLog.PurgeFailed(logger, e);
            }
        }
    }
}
