using IdentityTfa.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The request limits in ASP.NET Core's rate limiting: the global limiter's services and its place in the pipeline.</summary>
public static class RequestLimitExtensions
{
    /// <summary>
    /// Counts the sign-in, registration, account-mail and recovery-code posts and every token API request per client
    /// address and per account (<c>IdentityTfa:RequestLimits</c>) through ASP.NET Core's rate limiter
    /// (<c>UseRateLimiter</c> with IdentityTfa's global limiter) and answers one over its limit with 429, for a page
    /// through a status-code page that shows the refusal in words. Call it after <c>UseRequestLocalization</c> and
    /// forwarded headers and before <c>UseRouting</c>; <paramref name="apiPrefix"/> is the token API's prefix.
    /// </summary>
    public static IApplicationBuilder UseIdentityTfaRequestLimits(this IApplicationBuilder app, string apiPrefix = "/api/auth")
    {
        app.ApplicationServices.GetRequiredService<RequestLimiter>().ApiPrefix = apiPrefix.TrimEnd('/');
        app.UseStatusCodePages(RequestLimiter.ShowRefusedPageAsync);
        return app.UseRateLimiter();
    }

    /// <summary>
    /// Registers ASP.NET Core's rate limiting with IdentityTfa's <see cref="RequestLimiter"/> as its global limiter,
    /// 429 as its refusal status and <see cref="RequestLimiter.OnRejectedAsync"/> as its answer (called by AddIdentityTfa).
    /// </summary>
    internal static IServiceCollection AddIdentityTfaRequestLimiter(this IServiceCollection services)
    {
        services.TryAddSingleton<RequestLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RequestLimiter>((options, limiter) =>
        {
            options.GlobalLimiter = limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RequestLimiter.OnRejectedAsync;
        });
        return services;
    }
}
