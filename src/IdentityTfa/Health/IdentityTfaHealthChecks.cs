using System.Text.Json;
using IdentityTfa.Data;
using IdentityTfa.Delivery.Smtp;
using IdentityTfa.Delivery.Twilio;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Health;

/// <summary>Readiness of what sign-in with a code depends on: the database and each configured message provider.</summary>
public static class IdentityTfaHealthChecks
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the database, SMTP and Twilio checks, each given <paramref name="timeout"/> (default 5 seconds).</summary>
    public static IHealthChecksBuilder AddIdentityTfaChecks(this IHealthChecksBuilder builder, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        return builder
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], limit)
            .AddCheck<SmtpHealthCheck>("smtp", HealthStatus.Unhealthy, [ReadyTag], limit)
            .AddCheck<TwilioHealthCheck>("twilio", HealthStatus.Unhealthy, [ReadyTag], limit);
    }

    /// <summary>Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (every check, as JSON without secrets).</summary>
    public static IEndpointRouteBuilder MapIdentityTfaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = (int)e.Value.Duration.TotalMilliseconds }),
        }));
    }
}

/// <summary>The database answers.</summary>
internal sealed class DatabaseHealthCheck(TfaDbContextAccessor db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Context.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
}

/// <summary>The SMTP server accepts a connection and answers EHLO; nothing is sent.</summary>
internal sealed class SmtpHealthCheck(IOptionsMonitor<SmtpOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var smtp = options.CurrentValue;
        if (!smtp.IsConfigured)
        {
            return HealthCheckResult.Healthy("Not configured.");
        }

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return HealthCheckResult.Healthy($"{smtp.Host}:{smtp.Port} answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{smtp.Host}:{smtp.Port} does not answer ({e.GetType().Name}).");
        }
    }
}

/// <summary>Twilio accepts the credentials: an authenticated read of the account, which sends nothing.</summary>
internal sealed class TwilioHealthCheck(IServiceProvider services, IOptionsMonitor<TwilioOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.CurrentValue.IsConfigured)
        {
            return HealthCheckResult.Healthy("Not configured.");
        }

        var result = await services.GetRequiredService<TwilioClient>().FetchAccountAsync(cancellationToken);
        return result.Succeeded
            ? HealthCheckResult.Healthy("Twilio accepts the credentials.")
            : HealthCheckResult.Unhealthy(result.HttpStatus switch
            {
                0 => "Twilio does not answer.",
                401 or 403 => "Twilio refuses the credentials.",
                _ => $"Twilio answers HTTP {result.HttpStatus}.",
            });
    }
}
