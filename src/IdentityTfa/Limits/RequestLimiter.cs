using Microsoft.AspNetCore.Builder;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using IdentityTfa.Api;
using IdentityTfa.Configuration;
using IdentityTfa.Logging;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DatabaseRateLimiter = IdentityTfa.Limits.RateLimiter;

namespace IdentityTfa.Limits;

/// <summary>
/// ASP.NET Core's global rate limiter for the steps an attacker repeats (password, registration, account mail, recovery
/// code, token API): counts each such request per client address and per account in the database's fixed windows (the
/// guarded upsert of <see cref="DatabaseRateLimiter"/>, so instances count together). The synchronous attempt lets every
/// other request through and sends a counted one to the asynchronous acquire, which may read the form or JSON body to
/// find the account. A refused lease carries <see cref="MetadataName.RetryAfter"/> for <see cref="OnRejectedAsync"/>.
/// </summary>
internal sealed class RequestLimiter(IOptionsMonitor<TwoFactorOptions> options, TimeProvider time) : PartitionedRateLimiter<HttpContext>
{
    /// <summary>The page that says, in words, when to try again.</summary>
    public const string RefusedPagePath = "/Identity/Account/TooManyAttempts";

    /// <summary>The <see cref="HttpContext.Items"/> key of the time until the window ends, for the refused page.</summary>
    public const string RetryAfterItem = "IdentityTfa.RetryAfter";

    // Marks a request already counted, so that a second UseRateLimiter (after routing, for an app's endpoint policies)
    // does not count it again.
    private const string CountedItem = "IdentityTfa.RequestCounted";

    // A body larger than this names no account: it is counted per address only, and binding refuses it anyway.
    private const int MaxJsonBodyRead = 64 * 1024;

    private static readonly MetadataName<string> Kind = MetadataName.Create<string>("IdentityTfa.RequestLimitKind");
    private static readonly MetadataName<string> Partition = MetadataName.Create<string>("IdentityTfa.RequestLimitPartition");

    /// <summary>The token API's prefix, set by <c>UseIdentityTfaRequestLimits</c>.</summary>
    public string ApiPrefix { get; set; } = "/api/auth";

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Counted(resource) is null || resource.Items.ContainsKey(CountedItem) ? RequestLimitLease.Acquired : RequestLimitLease.GoAsync;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext context, int permitCount, CancellationToken cancellationToken)
    {
        if (Counted(context) is not { } kind || !context.Items.TryAdd(CountedItem, true))
        {
            return RequestLimitLease.Acquired;
        }

        var (perAddress, perAccount) = LimitsOf(options.CurrentValue.RequestLimits, kind);
        var addressLimit = RateLimit.Parse(perAddress);
        var accountLimit = RateLimit.Parse(perAccount);

        // Every account the request names is counted (a form may name one as Input.Email and another as Email); the body
        // is read before the counters' transaction, which must not wait for the client.
        var accounts = accountLimit is null ? [] : await AccountsOfAsync(context, kind, cancellationToken);
        var address = ClientAddress.PartitionOf(context.Connection.RemoteIpAddress);
        var limiter = context.RequestServices.GetRequiredService<DatabaseRateLimiter>();
        var now = time.GetUtcNow().UtcDateTime;

        // The counters in one transaction: one commit (on SQLite one flush of the log) for the request, not one each.
        return await context.RequestServices.GetRequiredService<WriteUnit>().RunAsync(
            async () =>
            {
                if (addressLimit is not null && !await limiter.TryTakeAsync($"request:{kind}:address:{address}", addressLimit, cancellationToken))
                {
                    return RequestLimitLease.Refused(kind, "address", addressLimit.WindowEndAt(now) - now);
                }

                foreach (var account in accounts)
                {
                    if (!await limiter.TryTakeAsync($"request:{kind}:account:{account}", accountLimit!, cancellationToken))
                    {
                        return RequestLimitLease.Refused(kind, "account", accountLimit!.WindowEndAt(now) - now);
                    }
                }

                return RequestLimitLease.Acquired;
            },
            cancellationToken);
    }

    /// <summary>
    /// Answers a refused request: 429 with <c>Retry-After</c>, logged and counted; a ProblemDetails for the token API,
    /// and for a page nothing yet: the status-code page placed before the rate limiter shows the refusal page in words.
    /// </summary>
    public static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var left) ? left : TimeSpan.FromMinutes(1);
        var kind = rejected.Lease.TryGetMetadata(Kind, out var k) ? k ?? "request" : "request";
        var partition = rejected.Lease.TryGetMetadata(Partition, out var p) ? p ?? "address" : "address";

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        TwoFactorLog.RequestLimited(context.RequestServices.GetRequiredService<ILogger<RequestLimiter>>(), kind, partition, seconds);
        context.RequestServices.GetService<Metrics.TwoFactorMetrics>()?.RateLimited($"request.{kind}.{partition}".ToLowerInvariant());
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;

        var limiter = context.RequestServices.GetRequiredService<RequestLimiter>();
        if (limiter.IsApi(context.Request.Path))
        {
            await TokenApiEndpoints.Problem(429, "Too many attempts.", $"Try again in {seconds} seconds.", ("retryAfter", seconds)).ExecuteAsync(context);
            return;
        }

        context.Items[RetryAfterItem] = TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// The status-code page of a refused page request (429 with <see cref="RetryAfterItem"/> set, no body): the request
    /// runs again through the rest of the pipeline as a GET of <see cref="RefusedPagePath"/>, keeping its status.
    /// </summary>
    public static async Task ShowRefusedPageAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (context.Response.StatusCode != StatusCodes.Status429TooManyRequests || !context.Items.ContainsKey(RetryAfterItem))
        {
            return;
        }

        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = RefusedPagePath;
        context.Request.QueryString = QueryString.Empty;
        await status.Next(context);
    }

    private bool IsApi(PathString requestPath)
    {
        var path = (requestPath.Value ?? string.Empty).TrimEnd('/');
        return path.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase)
            && (path.Length == ApiPrefix.Length || path[ApiPrefix.Length] == '/');
    }

    private RequestLimitKind? Counted(HttpContext context) =>
        options.CurrentValue.RequestLimits.Enabled ? KindOf(context.Request) : null;

    private RequestLimitKind? KindOf(HttpRequest request)
    {
        var path = (request.Path.Value ?? string.Empty).TrimEnd('/');
        if (IsApi(request.Path))
        {
            var rest = path[ApiPrefix.Length..];
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
    /// The accounts the request is about, as hashes (no address is kept in the counters); none when it names none.
    /// A form is read as binding reads it (ASP.NET Core keeps it for binding): both <c>Input.Email</c> and the
    /// un-prefixed <c>Email</c> fill the bound input. A JSON body (up to 64 KB, also when chunked) is buffered and
    /// rewound, and its LAST <c>email</c> property (any case) taken, as System.Text.Json binding keeps the last. Each
    /// address is normalized with the app's <see cref="ILookupNormalizer"/>, as Identity finds the account.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AccountsOfAsync(HttpContext context, RequestLimitKind kind, CancellationToken cancellationToken)
    {
        var accounts = new List<string>();
        var request = context.Request;
        try
        {
            if (kind == RequestLimitKind.RecoveryCode)
            {
                var partial = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
                if (partial.Principal?.FindFirstValue(ClaimTypes.Name) is { } name)
                {
                    return [Hash($"user:{name}")];
                }

                return [];
            }
            else if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                accounts.AddRange(form["Input.Email"].Concat(form["Email"]).OfType<string>());
            }
            else if (request.HasJsonContentType() && request.ContentLength is null or (> 0 and <= MaxJsonBodyRead))
            {
                request.EnableBuffering(MaxJsonBodyRead);
                try
                {
                    if (request.ContentLength is null)
                    {
                        // Chunked: read no more than the limit; a longer body names no account.
                        var buffer = new byte[MaxJsonBodyRead + 1];
                        var read = 0;
                        int n;
                        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
                        {
                            read += n;
                        }

                        if (read <= MaxJsonBodyRead && read > 0)
                        {
                            using var chunked = JsonDocument.Parse(buffer.AsMemory(0, read));
                            accounts.AddRange(LastEmail(chunked));
                        }
                    }
                    else
                    {
                        using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                        accounts.AddRange(LastEmail(json));
                    }
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
            return [];
        }

        var normalizer = context.RequestServices.GetService<ILookupNormalizer>();
        return accounts
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Select(a => normalizer?.NormalizeEmail(a.Trim()) ?? a.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .Select(Hash)
            .ToList();

        static IEnumerable<string> LastEmail(JsonDocument json) =>
            json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.EnumerateObject().LastOrDefault(p => p.Name.Equals("email", StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } property
            && property.Value.GetString() is { } email
                ? [email]
                : [];

        static string Hash(string normalized) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)), 0, 16);
    }

    /// <summary>A lease of the request limits: acquired, or refused with the time until the window ends.</summary>
    private sealed class RequestLimitLease(bool acquired, RequestLimitKind? kind = null, string? partition = null, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly RequestLimitLease Acquired = new(true);

        /// <summary>The synchronous attempt's answer for a counted request: not here, ask asynchronously.</summary>
        public static readonly RequestLimitLease GoAsync = new(false);

        public static RequestLimitLease Refused(RequestLimitKind kind, string partition, TimeSpan retryAfter) => new(false, kind, partition, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames =>
            retryAfter is null ? [] : [MetadataName.RetryAfter.Name, Kind.Name, Partition.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is null ? null
                : metadataName == MetadataName.RetryAfter.Name ? retryAfter.Value
                : metadataName == Kind.Name ? kind.ToString()
                : metadataName == Partition.Name ? partition
                : null;
            return metadata is not null;
        }
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
