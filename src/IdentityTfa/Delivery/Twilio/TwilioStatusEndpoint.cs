using IdentityTfa.Registration;
using IdentityTfa.Audit;
using IdentityTfa.Challenges;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>Twilio's status callbacks: signed reports of whether a text or call reached the user.</summary>
public static class TwilioStatusEndpoint
{
    /// <summary>The path the endpoint is mapped at by default.</summary>
    public const string DefaultPath = "/identitytfa/twilio/status";

    private const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>
    /// Maps the endpoint that records delivered, failed and undelivered reports against the code's challenge.
    /// Requests without a valid <c>X-Twilio-Signature</c> are refused with 403.
    /// </summary>
    public static IEndpointRouteBuilder MapIdentityTfaTwilioStatusCallback(this IEndpointRouteBuilder endpoints, string path = DefaultPath)
    {
        endpoints.MapPost(path, async (HttpContext http, IOptionsMonitor<TwilioOptions> options, ChallengeStore challenges, IAuditLog audit, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger(typeof(TwilioStatusEndpoint));
            var twilio = options.CurrentValue;
            if (!http.Request.HasFormContentType || string.IsNullOrEmpty(twilio.AuthToken) || string.IsNullOrEmpty(twilio.StatusCallbackUrl))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            // RequestValidator throws on an empty signature: an unsigned report is refused before it is asked.
            var signature = http.Request.Headers[SignatureHeader].ToString();
            if (string.IsNullOrEmpty(signature))
            {
                IdentityTfaLog.TwilioCallbackForged(logger);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);

            // The signature covers the address Twilio was given, which behind a proxy is not the one this server sees.
            if (!TwilioWebhookSignature.IsValid(twilio, http.Request.Headers[RequestValidator.SignatureSettingsHeader].ToString(), parameters, signature))
            {
                IdentityTfaLog.TwilioCallbackForged(logger);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var sid = form["MessageSid"].ToString() is { Length: > 0 } messageSid ? messageSid : form["CallSid"].ToString();
            var status = form["MessageStatus"].ToString() is { Length: > 0 } messageStatus ? messageStatus : form["CallStatus"].ToString();
            if (sid.Length is 0 or > 64 || status.Length is 0 or > 32)
            {
                return Results.BadRequest();
            }

            IdentityTfaLog.TwilioStatus(logger, sid, status);
            if (await challenges.FindByProviderMessageIdAsync(sid, http.RequestAborted) is { } challenge)
            {
                await challenges.RecordDeliveryStatusAsync(sid, status, http.RequestAborted);
                await audit.WriteAsync(
                    new AuditEntry(AuditEventTypes.DeliveryStatus, RegistrationCodeService.AccountOf(challenge.UserId))
                    {
                        Channel = challenge.Channel.ToString(),
                        MaskedDestination = challenge.MaskedDestination,
                        Provider = "Twilio",
                        ProviderMessageId = sid,
                        Detail = form["ErrorCode"].ToString() is { Length: > 0 } errorCode ? $"{status} (error {errorCode})" : status,
                    },
                    http.RequestAborted);
            }

            return Results.NoContent();
        }).DisableAntiforgery().ExcludeFromDescription();

        return endpoints;
    }
}
