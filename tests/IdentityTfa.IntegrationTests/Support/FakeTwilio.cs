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
        app.MapGet("/v2/PhoneNumbers/{number}", fake.LookUpAsync);
        app.MapFallback(context => fake.HandleAsync(context));
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>What Lookup answers for a number; numbers not set are mobiles with no SIM swap and a low pumping risk.</summary>
    public ConcurrentDictionary<string, LookupAnswer> LookupAnswers { get; } = new();

    /// <summary>While set, every lookup fails with Twilio's 500.</summary>
    public bool LookupDown { get; set; }

    /// <summary>The numbers Lookup was asked about, in order.</summary>
    public ConcurrentQueue<string> LookedUp { get; } = new();

    /// <summary>The settings that point the shop's Twilio provider at this server.</summary>
    public Dictionary<string, string?> Settings(string? statusCallbackUrl = null) => new()
    {
        ["IdentityTfa:Sms:Twilio:AccountSid"] = AccountSid,
        ["IdentityTfa:Sms:Twilio:AuthToken"] = AuthToken,
        ["IdentityTfa:Sms:Twilio:From"] = From,
        ["IdentityTfa:Sms:Twilio:BaseUrl"] = BaseUrl.ToString(),
        ["IdentityTfa:Sms:Twilio:Lookup:BaseUrl"] = BaseUrl.ToString(),
        ["IdentityTfa:Sms:Twilio:StatusCallbackUrl"] = statusCallbackUrl,
        ["IdentityTfa:Sms:Twilio:RetryDelay"] = "00:00:00",
    };

    public void FailNext(int status, int code, string message) => _script.Enqueue(context => WriteErrorAsync(context, status, code, message));

    public void RateLimitNext(int retryAfterSeconds) => _script.Enqueue(context =>
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteErrorAsync(context, 429, 20429, "Too Many Requests");
    });

    /// <summary>The next request gets a gateway's HTML error page instead of Twilio's JSON.</summary>
    public void GatewayPageNext() => _script.Enqueue(async context =>
    {
        context.Response.StatusCode = 502;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>");
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

    /// <summary>The account resource, which the readiness check reads: checked against its description, and the credentials against the token.</summary>
    private async Task FetchAccountAsync(HttpContext context, string account)
    {
        if (!await PassesContractAsync(context))
        {
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var credentials = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        if (credentials != $"{AccountSid}:{AuthToken}")
        {
            await WriteErrorAsync(context, 401, 20003, "Authenticate");
            return;
        }

        await context.Response.WriteAsJsonAsync(new { sid = account[..^".json".Length], friendly_name = "Tiny Tea Shop", status = "active" });
    }

    /// <summary>Lookup v2's phone number resource, with only the data packages asked for in <c>Fields</c>.</summary>
    private async Task LookUpAsync(HttpContext context, string number)
    {
        number = Uri.UnescapeDataString(number);
        LookedUp.Enqueue(number);
        if (!await PassesContractAsync(context))
        {
            return;
        }

        if (LookupDown)
        {
            await WriteErrorAsync(context, 500, 20500, "Internal Server Error");
            return;
        }

        var answer = LookupAnswers.GetValueOrDefault(number) ?? new LookupAnswer();
        var fields = context.Request.Query["Fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        await context.Response.WriteAsJsonAsync(answer.ToJson(number, fields));
    }

    private async Task<bool> PassesContractAsync(HttpContext context)
    {
        Requests.Enqueue((context.Request.Path.Value ?? string.Empty, []));
        var problems = Contract.Value.Check(context.Request, []);
        foreach (var problem in problems)
        {
            Violations.Enqueue(problem);
        }

        if (problems.Count > 0)
        {
            await WriteErrorAsync(context, 400, 21999, string.Join(" ", problems));
        }

        return problems.Count == 0;
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }));
    }

    /// <summary>What the fake Twilio's Lookup says of a number, written as Lookup v2's response.</summary>
    public sealed record LookupAnswer(string LineType = "mobile", string Carrier = "Fake Mobile", DateTimeOffset? LastSimSwap = null, int PumpingRisk = 10)
    {
        public Dictionary<string, object?> ToJson(string number, IReadOnlyCollection<string> fields) => new()
        {
            ["calling_country_code"] = "1",
            ["country_code"] = "US",
            ["phone_number"] = number,
            ["national_format"] = number,
            ["valid"] = true,
            ["validation_errors"] = null,
            ["caller_name"] = null,
            ["sim_swap"] = fields.Contains("sim_swap") ? SimSwap() : null,
            ["call_forwarding"] = null,
            ["line_status"] = null,
            ["line_type_intelligence"] = fields.Contains("line_type_intelligence")
                ? new Dictionary<string, object?> { ["mobile_country_code"] = "310", ["mobile_network_code"] = "456", ["carrier_name"] = Carrier, ["type"] = LineType, ["error_code"] = null }
                : null,
            ["identity_match"] = null,
            ["reassigned_number"] = null,
            ["sms_pumping_risk"] = fields.Contains("sms_pumping_risk")
                ? new Dictionary<string, object?>
                {
                    ["carrier_risk_category"] = PumpingRisk > 60 ? "high" : "low", ["number_blocked"] = false, ["number_blocked_date"] = null,
                    ["number_blocked_last_3_months"] = null, ["sms_pumping_risk_score"] = PumpingRisk, ["error_code"] = null,
                }
                : null,
            ["phone_number_quality_score"] = null,
            ["pre_fill"] = null,
            ["url"] = $"https://lookups.twilio.com/v2/PhoneNumbers/{number}",
        };

        private Dictionary<string, object?> SimSwap() => new()
        {
            ["last_sim_swap"] = LastSimSwap is { } swapped
                ? new Dictionary<string, object?> { ["last_sim_swap_date"] = swapped.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), ["swapped_period"] = "PT168H", ["swapped_in_period"] = true }
                : new Dictionary<string, object?> { ["last_sim_swap_date"] = null, ["swapped_period"] = "PT168H", ["swapped_in_period"] = false },
            ["carrier_name"] = Carrier,
            ["mobile_country_code"] = "310",
            ["mobile_network_code"] = "456",
            ["error_code"] = null,
        };
    }
}
