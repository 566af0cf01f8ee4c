using IdentityTfa.Limits;
using Microsoft.AspNetCore.Builder;

namespace IdentityTfa;

/// <summary>The request limits' place in the pipeline.</summary>
public static class RequestLimitExtensions
{
    /// <summary>
    /// Counts the sign-in, registration, account-mail and recovery-code posts and every token API request per client
    /// address and per account (<c>IdentityTfa:RequestLimits</c>) and answers one over its limit with 429. Call it after
    /// <c>UseRequestLocalization</c> and forwarded headers and before <c>UseRouting</c>; <paramref name="apiPrefix"/> is
    /// the token API's prefix.
    /// </summary>
    public static IApplicationBuilder UseIdentityTfaRequestLimits(this IApplicationBuilder app, string apiPrefix = "/api/auth") =>
        app.UseMiddleware<RequestLimitMiddleware>(apiPrefix.TrimEnd('/'));
}
