using System.Net;
using System.Text.Json;
using IdentityTfa.Delivery.Smtp;
using IdentityTfa.Delivery.Twilio;
using IdentityTfa.Health;
using IdentityTfa.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Readiness of what sign-in with a code depends on: the database and each configured message provider.</summary>
public static class TwoFactorHealthChecks
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the database, SMTP and Twilio checks, each given <paramref name="timeout"/> (default 5 seconds).</summary>
    public static IHealthChecksBuilder AddIdentityTfaChecks(this IHealthChecksBuilder builder, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        builder.Services.AddOptions<ReadyEndpointOptions>().BindConfiguration(ReadyEndpointOptions.SectionName)
            .Validate(o => o.CacheDuration >= TimeSpan.Zero && o.CacheDuration <= TimeSpan.FromHours(1), $"{ReadyEndpointOptions.SectionName}:CacheDuration must be between 00:00:00 and 01:00:00.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ReadyReportCache>();
        return builder
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], limit)
            .AddCheck<SmtpHealthCheck>("smtp", HealthStatus.Unhealthy, [ReadyTag], limit)
            .AddCheck<TwilioHealthCheck>("twilio", HealthStatus.Unhealthy, [ReadyTag], limit);
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (every check, run at most once per
    /// <see cref="ReadyEndpointOptions.CacheDuration"/>; each check's details, without secrets, only to a loopback caller
    /// or one <see cref="ReadyEndpointOptions.DetailsPolicy"/> allows, the status alone to others).
    /// </summary>
    public static IEndpointRouteBuilder MapIdentityTfaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapGet("/health/ready", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task ReadyAsync(HttpContext context, ReadyReportCache cache, IAuthorizationService authorization, Microsoft.Extensions.Options.IOptionsMonitor<ReadyEndpointOptions> options)
    {
        var report = await cache.GetAsync(context.RequestAborted);
        var policy = options.CurrentValue.DetailsPolicy;
        var details = context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            || !string.IsNullOrEmpty(policy) && (await authorization.AuthorizeAsync(context.User, policy)).Succeeded;

        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(details
            ? JsonSerializer.Serialize(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = (int)e.Value.Duration.TotalMilliseconds }),
            })
            : JsonSerializer.Serialize(new { status = report.Status.ToString() }), context.RequestAborted);
    }
}

/// <summary>The database answers.</summary>
internal sealed class DatabaseHealthCheck(TwoFactorDbContextAccessor db) : IHealthCheck
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
