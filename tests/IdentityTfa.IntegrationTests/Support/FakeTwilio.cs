using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>
/// Twilio on a loopback port: checks every request against Twilio's OpenAPI description, answers as Twilio does
/// (201 with the resource, or Twilio's error JSON), and can be told to fail, stall or rate-limit the next requests.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-twilio-auth-token-0123456789";
    public const string From = "+15005550006";

    private static readonly Lazy<TwilioOpenApiContract> Contract = new(() => new TwilioOpenApiContract(RepositoryFiles.TwilioOpenApi));
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly TaskCompletionSource _releaseStalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<TaskCompletionSource> _requestWaiters = new();

    private FakeTwilio(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    /// <summary>Every request received, valid or not.</summary>
    public ConcurrentQueue<(string Path, Dictionary<string, string> Form)> Requests { get; } = new();

    /// <summary>What any request broke of Twilio's description; a passing test leaves this empty.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Text messages Twilio accepted.</summary>
    public IEnumerable<(string To, string Body)> Messages => Accepted.Where(a => a.Path.EndsWith("/Messages.json", StringComparison.Ordinal)).Select(a => (a.Form["To"], a.Form["Body"]));

    /// <summary>Calls Twilio accepted.</summary>
    public IEnumerable<(string To, string Twiml)> Calls => Accepted.Where(a => a.Path.EndsWith("/Calls.json", StringComparison.Ordinal)).Select(a => (a.Form["To"], a.Form["Twiml"]));

    /// <summary>Raised for each request Twilio accepted, with its path and form; the benchmark reads codes from it.</summary>
    public event Action<string, IReadOnlyDictionary<string, string>>? RequestAccepted;

    private ConcurrentQueue<(string Path, Dictionary<string, string> Form)> Accepted { get; } = new();

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/{resource}", fake.HandleAsync);
        app.MapGet("/2010-04-01/Accounts/{account}", fake.FetchAccountAsync);
        app.MapFallback(context => fake.HandleAsync(context));
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>The settings that point the shop's Twilio provider at this server.</summary>
    public Dictionary<string, string?> Settings(string? statusCallbackUrl = null) => new()
    {
        ["IdentityTfa:Sms:Twilio:AccountSid"] = AccountSid,
        ["IdentityTfa:Sms:Twilio:AuthToken"] = AuthToken,
        ["IdentityTfa:Sms:Twilio:From"] = From,
        ["IdentityTfa:Sms:Twilio:BaseUrl"] = BaseUrl.ToString(),
        ["IdentityTfa:Sms:Twilio:StatusCallbackUrl"] = statusCallbackUrl,
        ["IdentityTfa:Sms:Twilio:RetryDelay"] = "00:00:00",
    };

    public void FailNext(int status, int code, string message) => _script.Enqueue(context => WriteErrorAsync(context, status, code, message));

    public void RateLimitNext(int retryAfterSeconds) => _script.Enqueue(context =>
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteErrorAsync(context, 429, 20429, "Too Many Requests");
    });

    public void UnavailableNext() => _script.Enqueue(context => WriteErrorAsync(context, 503, 20503, "Service Unavailable"));

    /// <summary>The next request gets no answer until the server stops or the client gives up.</summary>
    public void StallNext() => _script.Enqueue(async context =>
    {
        var gaveUp = new TaskCompletionSource();
        await using var registration = context.RequestAborted.Register(() => gaveUp.TrySetResult());
        await Task.WhenAny(_releaseStalled.Task, gaveUp.Task);
    });

    /// <summary>Completes when the next request arrives.</summary>
    public Task NextRequestAsync()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _requestWaiters.Enqueue(waiter);
        return waiter.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _releaseStalled.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync()).Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString())).ToList()
            : [];
        var fields = form.ToDictionary(f => f.Key, f => f.Value);
        Requests.Enqueue((context.Request.Path.Value ?? string.Empty, fields));
        while (_requestWaiters.TryDequeue(out var waiter))
        {
            waiter.TrySetResult();
        }

        var problems = Contract.Value.Check(context.Request, form);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Violations.Enqueue(problem);
            }

            await WriteErrorAsync(context, 400, 21999, string.Join(" ", problems));
            return;
        }

        if (_script.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        var isCall = context.Request.Path.Value!.EndsWith("/Calls.json", StringComparison.Ordinal);
        var sid = (isCall ? "CA" : "SM") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Accepted.Enqueue((context.Request.Path.Value, fields));
        RequestAccepted?.Invoke(context.Request.Path.Value, fields);
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["account_sid"] = AccountSid,
            ["to"] = fields.GetValueOrDefault("To"),
            ["from"] = fields.GetValueOrDefault("From"),
            ["body"] = fields.GetValueOrDefault("Body"),
            ["status"] = "queued",
            ["api_version"] = "2010-04-01",
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/{(isCall ? "Calls" : "Messages")}/{sid}.json",
        });
    }

    /// <summary>
    /// The account resource, which a health check reads. It is not in the OpenAPI file of ../shared/twilio (Messages and
    /// Calls only), so its path parameter is held to the same AccountSid pattern and its basic authentication to the token.
    /// </summary>
    private async Task FetchAccountAsync(HttpContext context, string account)
    {
        Requests.Enqueue((context.Request.Path.Value ?? string.Empty, []));
        var sid = account.EndsWith(".json", StringComparison.Ordinal) ? account[..^5] : account;
        var header = context.Request.Headers.Authorization.ToString();
        var credentials = header.StartsWith("Basic ", StringComparison.Ordinal)
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]))
            : string.Empty;
        if (!System.Text.RegularExpressions.Regex.IsMatch(sid, "^AC[0-9a-fA-F]{32}$") || credentials != $"{AccountSid}:{AuthToken}")
        {
            await WriteErrorAsync(context, 401, 20003, "Authenticate");
            return;
        }

        await context.Response.WriteAsJsonAsync(new { sid, friendly_name = "Tiny Tea Shop", status = "active" });
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }));
    }
}
