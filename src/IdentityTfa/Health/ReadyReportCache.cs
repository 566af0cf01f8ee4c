using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Health;

/// <summary>The last run of the ready checks, kept for <see cref="ReadyEndpointOptions.CacheDuration"/>; one run at a time.</summary>
internal sealed class ReadyReportCache(HealthCheckService checks, IOptionsMonitor<ReadyEndpointOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private (HealthReport Report, DateTimeOffset Until)? _last;

    public async Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } report)
        {
            return report;
        }

        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } ranMeanwhile)
            {
                return ranMeanwhile;
            }

            var ran = await checks.CheckHealthAsync(r => r.Tags.Contains(TwoFactorHealthChecks.ReadyTag), cancellationToken);
            _last = (ran, time.GetUtcNow() + options.CurrentValue.CacheDuration);
            return ran;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();

    private HealthReport? Fresh() => _last is { } last && time.GetUtcNow() < last.Until ? last.Report : null;
}
