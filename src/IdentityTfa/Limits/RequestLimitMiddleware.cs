using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IdentityTfa.Api;
using IdentityTfa.Configuration;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Limits;

/// <summary>
/// Counts the requests of the steps an attacker repeats (password, registration, account mail, recovery code, token API)
/// per client address and per account in the database's fixed windows, and answers one over its limit with 429 and
/// <c>Retry-After</c>: a page in words for the pages, a ProblemDetails for the API. Runs before routing, so that a
/// refused page request is routed to the page that says so.
/// </summary>
internal sealed class RequestLimitMiddleware(RequestDelegate next, IOptionsMonitor<IdentityTfaOptions> options, TimeProvider time, ILogger<RequestLimitMiddleware> logger, string apiPrefix)
{
    /// <summary>The page that says, in words, when to try again.</summary>
    public const string RefusedPagePath = "/Identity/Account/TooManyAttempts";

    /// <summary>The <see cref="HttpContext.Items"/> key of the time until the window ends, for the refused page.</summary>
    public const string RetryAfterItem = "IdentityTfa.RetryAfter";

    // A body larger than this names no account: it is counted per address only, and binding refuses it anyway.
    private const int MaxJsonBodyRead = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.CurrentValue.RequestLimits;
        if (!limits.Enabled || KindOf(context.Request) is not { } kind)
        {
            await next(context);
            return;
        }

        var (perAddress, perAccount) = LimitsOf(limits, kind);
        var limiter = context.RequestServices.GetRequiredService<RateLimiter>();
        var now = time.GetUtcNow().UtcDateTime;

        var address = ClientAddress.PartitionOf(context.Connection.RemoteIpAddress);
        if (RateLimit.Parse(perAddress) is { } addressLimit
            && !await limiter.TryTakeAsync($"request:{kind}:address:{address}", addressLimit, context.RequestAborted))
        {
            await RefuseAsync(context, kind, "address", addressLimit.WindowEndAt(now) - now);
            return;
        }

        if (RateLimit.Parse(perAccount) is { } accountLimit && await AccountOfAsync(context, kind) is { } account
            && !await limiter.TryTakeAsync($"request:{kind}:account:{account}", accountLimit, context.RequestAborted))
        {
            await RefuseAsync(context, kind, "account", accountLimit.WindowEndAt(now) - now);
            return;
        }

        await next(context);
    }

    private RequestLimitKind? KindOf(HttpRequest request)
    {
        var path = (request.Path.Value ?? string.Empty).TrimEnd('/');
        if (path.StartsWith(apiPrefix, StringComparison.OrdinalIgnoreCase)
            && (path.Length == apiPrefix.Length || path[apiPrefix.Length] == '/'))
        {
            var rest = path[apiPrefix.Length..];
            return rest.Equals("/token", StringComparison.OrdinalIgnoreCase) ? RequestLimitKind.Password
                : rest.StartsWith("/register", StringComparison.OrdinalIgnoreCase) ? RequestLimitKind.Registration
                : RequestLimitKind.Api;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        return path.ToUpperInvariant() switch
        {
            "/IDENTITY/ACCOUNT/LOGIN" => RequestLimitKind.Password,
            "/IDENTITY/ACCOUNT/REGISTER" => RequestLimitKind.Registration,
            "/IDENTITY/ACCOUNT/FORGOTPASSWORD" or "/IDENTITY/ACCOUNT/RESENDEMAILCONFIRMATION" => RequestLimitKind.AccountMail,
            "/IDENTITY/ACCOUNT/LOGINWITHRECOVERYCODE" => RequestLimitKind.RecoveryCode,
            _ => null,
        };
    }

    private static (string PerAddress, string PerAccount) LimitsOf(RequestLimitOptions limits, RequestLimitKind kind) => kind switch
    {
        RequestLimitKind.Password => (limits.PasswordPerAddress, limits.PasswordPerAccount),
        RequestLimitKind.Registration => (limits.RegistrationPerAddress, limits.RegistrationPerAccount),
        RequestLimitKind.AccountMail => (limits.AccountMailPerAddress, limits.AccountMailPerAccount),
        RequestLimitKind.RecoveryCode => (limits.RecoveryCodePerAddress, limits.RecoveryCodePerAccount),
        _ => (limits.ApiPerAddress, limits.ApiPerAccount),
    };

    /// <summary>
    /// The account the request is about, as a hash (no address is kept in the counters), or null when it names none.
    /// A form is read as binding reads it (ASP.NET Core keeps it for binding); a JSON body is buffered and rewound.
    /// </summary>
    private static async Task<string?> AccountOfAsync(HttpContext context, RequestLimitKind kind)
    {
        string? account = null;
        var request = context.Request;
        try
        {
            if (kind == RequestLimitKind.RecoveryCode)
            {
                var partial = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
                account = partial.Principal?.FindFirstValue(ClaimTypes.Name);
                account = account is null ? null : $"user:{account}";
            }
            else if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                account = form["Input.Email"].FirstOrDefault();
            }
            else if (request.HasJsonContentType() && request.ContentLength is > 0 and <= MaxJsonBodyRead)
            {
                request.EnableBuffering();
                try
                {
                    using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                    account = json.RootElement.ValueKind == JsonValueKind.Object
                        ? json.RootElement.EnumerateObject().FirstOrDefault(p => p.NameEquals("email") || p.Name.Equals("email", StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } property
                            ? property.Value.GetString()
                            : null
                        : null;
                }
                finally
                {
                    request.Body.Position = 0;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or BadHttpRequestException)
        {
            // A body that cannot be read names no account; the address is counted, and binding answers in words.
            return null;
        }

        if (string.IsNullOrWhiteSpace(account))
        {
            return null;
        }

        var normalized = account.StartsWith("user:", StringComparison.Ordinal) ? account : account.Trim().ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)), 0, 16);
    }

    private async Task RefuseAsync(HttpContext context, RequestLimitKind kind, string partition, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        IdentityTfaLog.RequestLimited(logger, kind.ToString(), partition, seconds);
        context.RequestServices.GetService<Metrics.IdentityTfaMetrics>()?.RateLimited($"request.{kind}.{partition}".ToLowerInvariant());
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;

        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith(apiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await TokenApiEndpoints.Problem(429, "Too many attempts.", $"Try again in {seconds} seconds.", ("retryAfter", seconds)).ExecuteAsync(context);
            return;
        }

        // The page that says so, through the rest of the pipeline (localization ran before, routing runs after).
        context.Items[RetryAfterItem] = TimeSpan.FromSeconds(seconds);
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = RefusedPagePath;
        context.Request.QueryString = QueryString.Empty;
        await next(context);
    }
}

/// <summary>The steps counted apart, each with its own limits.</summary>
internal enum RequestLimitKind
{
    Password,
    Registration,
    AccountMail,
    RecoveryCode,
    Api,
}
