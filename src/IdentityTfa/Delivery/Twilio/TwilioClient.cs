using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IdentityTfa.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>Twilio's REST API (2010-04-01) for Messages and Calls, over a typed <see cref="HttpClient"/> with resilience.</summary>
internal sealed class TwilioClient(HttpClient http, IOptionsMonitor<TwilioOptions> options, ILogger<TwilioClient> logger)
{
    public Task<TwilioResult> CreateMessageAsync(IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        CreateAsync("Messages.json", form, cancellationToken);

    public Task<TwilioResult> CreateCallAsync(IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        CreateAsync("Calls.json", form, cancellationToken);

    /// <summary>Reads the account (<c>GET /2010-04-01/Accounts/{AccountSid}.json</c>): proves the credentials and sends nothing.</summary>
    public async Task<TwilioResult> FetchAccountAsync(CancellationToken cancellationToken)
    {
        var twilio = options.CurrentValue;
        var url = new Uri(new Uri(twilio.BaseUrl), $"/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid!)}.json");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync("Account", request, cancellationToken);
    }

    private async Task<TwilioResult> CreateAsync(string resource, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var twilio = options.CurrentValue;
        var url = new Uri(new Uri(twilio.BaseUrl), $"/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid!)}/{resource}");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(resource, request, cancellationToken);
    }

    private async Task<TwilioResult> SendAsync(string resource, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (user, secret) = options.CurrentValue.Credentials;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode && ReadString(body, "sid") is { } sid)
            {
                return new TwilioResult(sid, (int)response.StatusCode, null, null);
            }

            var code = ReadInt(body, "code");
            var message = ReadString(body, "message") ?? response.ReasonPhrase ?? "no message";
            IdentityTfaLog.TwilioRefused(logger, resource, (int)response.StatusCode, code, message);
            return new TwilioResult(null, (int)response.StatusCode, code, message);
        }
        catch (HttpRequestException e)
        {
            return Unreachable(resource, e.Message);
        }
        catch (TimeoutRejectedException)
        {
            return Unreachable(resource, "no answer in time");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable(resource, "no answer in time");
        }
    }

    private TwilioResult Unreachable(string resource, string reason)
    {
        IdentityTfaLog.TwilioUnreachable(logger, resource, reason);
        return new TwilioResult(null, 0, null, reason);
    }

    private static string? ReadString(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? ReadInt(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
