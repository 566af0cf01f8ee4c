using System.Net.Sockets;
using IdentityTfa.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Lookups.V2;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>
/// Twilio's SDK over the typed <see cref="System.Net.Http.HttpClient"/> (with its resilience handler): a
/// <see cref="TwilioRestClient"/> per use, never the static <c>TwilioClient.Init</c>. Twilio's errors become
/// <see cref="TwilioResult"/>s and log events; only the caller's cancellation is thrown.
/// </summary>
internal sealed class TwilioClient(System.Net.Http.HttpClient http, IOptionsMonitor<TwilioOptions> options, ILogger<TwilioClient> logger)
{
    public Task<TwilioResult> CreateMessageAsync(CreateMessageOptions message, CancellationToken cancellationToken) =>
        RunAsync("Messages.json", async client => (await MessageResource.CreateAsync(message, client)).Sid, cancellationToken);

    public Task<TwilioResult> CreateCallAsync(CreateCallOptions call, CancellationToken cancellationToken) =>
        RunAsync("Calls.json", async client => (await CallResource.CreateAsync(call, client)).Sid, cancellationToken);

    /// <summary>Reads the account: proves the credentials and sends nothing.</summary>
    public Task<TwilioResult> FetchAccountAsync(CancellationToken cancellationToken) =>
        RunAsync("Account", async client => (await AccountResource.FetchAsync(new FetchAccountOptions { PathSid = options.CurrentValue.AccountSid }, client)).Sid, cancellationToken);

    /// <summary>Lookup v2 of <paramref name="phoneNumber"/> with the data packages in <paramref name="fields"/>; null with the reason logged when it fails.</summary>
    public async Task<PhoneNumberResource?> LookUpAsync(string phoneNumber, string fields, CancellationToken cancellationToken)
    {
        PhoneNumberResource? found = null;
        var result = await RunAsync(
            "Lookup",
            async client =>
            {
                found = await PhoneNumberResource.FetchAsync(new FetchPhoneNumberOptions(phoneNumber) { Fields = fields }, client);
                return found.PhoneNumber?.ToString() ?? phoneNumber;
            },
            cancellationToken);
        return result.Succeeded ? found : null;
    }

    private async Task<TwilioResult> RunAsync(string resource, Func<ITwilioRestClient, Task<string?>> call, CancellationToken cancellationToken)
    {
        var twilio = options.CurrentValue;
        var (user, secret) = twilio.Credentials;
        var transport = new SystemNetHttpClient(http);
        var client = new TwilioRestClient(user, secret, accountSid: twilio.AccountSid, httpClient: transport);
        try
        {
            var sid = await TwilioCall.RunAsync(() => call(client), cancellationToken);
            return new TwilioResult(sid ?? string.Empty, 200, null, null);
        }
        catch (ApiException e) when (e.Status == 0)
        {
            // No Twilio error document: a gateway's or proxy's page. Twilio was reached, so the send failed; it is not "unreachable".
            var status = (int?)transport.LastResponse?.StatusCode ?? 502;
            TwoFactorLog.TwilioRefused(logger, resource, status, null, "an answer that is not Twilio's");
            return new TwilioResult(null, status, null, "an answer that is not Twilio's");
        }
        catch (ApiException e)
        {
            TwoFactorLog.TwilioRefused(logger, resource, e.Status, e.Code == 0 ? null : e.Code, e.Message);
            return new TwilioResult(null, e.Status, e.Code == 0 ? null : e.Code, e.Message, e.MoreInfo);
        }
        catch (ApiConnectionException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The caller cancelled the request to Twilio.", e, cancellationToken);
        }
        catch (ApiConnectionException e)
        {
            return Unreachable(resource, ReasonOf(e.InnerException));
        }
    }

    private static string ReasonOf(Exception? inner) => inner switch
    {
        TimeoutRejectedException or OperationCanceledException => "no answer in time",
        System.Net.Http.HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
        System.Net.Http.HttpRequestException request => request.Message,
        null => "no answer",
        _ => inner.Message,
    };

    private TwilioResult Unreachable(string resource, string reason)
    {
        TwoFactorLog.TwilioUnreachable(logger, resource, reason);
        return new TwilioResult(null, 0, null, reason);
    }
}
