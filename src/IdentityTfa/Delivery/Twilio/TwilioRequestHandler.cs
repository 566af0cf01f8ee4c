using Microsoft.Extensions.Options;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>
/// Sends the SDK's requests where the options say and cancels them with the caller's token. The SDK always builds
/// <c>https://api.twilio.com/…</c> and <c>https://lookups.twilio.com/…</c>; a regional edge or a test server needs
/// the host rewritten.
/// </summary>
internal sealed class TwilioRequestHandler(IOptionsMonitor<TwilioOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && BaseFor(uri.Host) is { } target)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, TwilioCall.CancellationToken);
        return await base.SendAsync(request, linked.Token);
    }

    private Uri? BaseFor(string host)
    {
        var twilio = options.CurrentValue;
        var target = host switch
        {
            "api.twilio.com" => twilio.BaseUrl,
            "lookups.twilio.com" => twilio.Lookup.BaseUrl,
            _ => null,
        };
        return target is not null && Uri.TryCreate(target, UriKind.Absolute, out var parsed) ? parsed : null;
    }
}
