using IdentityTfa.Audit;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.Twilio;
using IdentityTfa.Logging;
using IdentityTfa.Persistence;
using IdentityTfa.Registration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Twilio.Security;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Twilio's status callbacks: signed reports of whether a text or call reached the user.</summary>
public static class TwilioStatusEndpoint
{
    /// <summary>The path the endpoint is mapped at by default.</summary>
    public const string DefaultPath = "/identitytfa/twilio/status";

    /// <summary>The largest report body read: Twilio's are well under 2 KB, and a larger one is refused with 413 unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>
    /// Maps the endpoint that records delivered, failed and undelivered reports against the code's challenge.
    /// Requests without a valid <c>X-Twilio-Signature</c> are refused with 403, bodies over <see cref="MaxBodyBytes"/>
    /// with 413, and a report received before (a retry or a replay) is answered 204 and recorded no second time.
    /// </summary>
    public static IEndpointRouteBuilder MapIdentityTfaTwilioStatusCallback(this IEndpointRouteBuilder endpoints, string path = DefaultPath)
    {
        endpoints.MapPost(path, async (HttpContext http, IOptionsMonitor<TwilioOptions> options, ChallengeStore challenges, DeliveryReportReplays replays, WriteUnit writes, IAuditLog audit, ILoggerFactory loggers) =>
        {
            // Refused before anything is read: by its declared length, and a chunked body once it grows past the limit.
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

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
                TwoFactorLog.TwilioCallbackForged(logger);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            if (await ReadBodyAsync(http) is not { } body)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            FormCollection form;
            try
            {
                form = new FormCollection(await new FormReader(body).ReadFormAsync(http.RequestAborted));
            }
            catch (InvalidDataException)
            {
                // More fields (or longer ones) than a form reader takes: no status report Twilio sends looks like this.
                return Results.BadRequest();
            }

            var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);

            // The signature covers the address Twilio was given, which behind a proxy is not the one this server sees.
            if (!TwilioWebhookSignature.IsValid(twilio, http.Request.Headers[RequestValidator.SignatureSettingsHeader].ToString(), parameters, signature))
            {
                TwoFactorLog.TwilioCallbackForged(logger);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var sid = form["MessageSid"].ToString() is { Length: > 0 } messageSid ? messageSid : form["CallSid"].ToString();
            var status = form["MessageStatus"].ToString() is { Length: > 0 } messageStatus ? messageStatus : form["CallStatus"].ToString();
            if (sid.Length is 0 or > 64 || status.Length is 0 or > 32)
            {
                return Results.BadRequest();
            }

            TwoFactorLog.TwilioStatus(logger, sid, status);
            if (await challenges.FindByProviderMessageIdAsync(sid, http.RequestAborted) is { } challenge)
            {
                // The report, its status and its audit row in one transaction: noted once, and all of it or none.
                await writes.RunAsync(
                    async () =>
                    {
                        if (!await replays.TryRecordAsync(sid, status, http.RequestAborted))
                        {
                            TwoFactorLog.TwilioStatusReplayed(logger, sid, status);
                            return;
                        }

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
                    },
                    http.RequestAborted);
            }

            return Results.NoContent();
        }).DisableAntiforgery().ExcludeFromDescription();

        return endpoints;
    }

    /// <summary>The body, read up to <see cref="MaxBodyBytes"/>; null when it is longer (a chunked body declares no length).</summary>
    private static async Task<Stream?> ReadBodyAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        buffer.Position = 0;
        return buffer;
    }
}
