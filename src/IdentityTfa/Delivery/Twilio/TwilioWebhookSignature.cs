using Twilio.Security;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>
/// Checks a webhook's <c>X-Twilio-Signature</c> with the SDK's <see cref="RequestValidator"/>: HMAC-SHA1 keyed with the
/// auth token, or, when Twilio sends <c>X-Twilio-Webhooks-Signature-Settings</c>, the algorithm it names (HMAC-SHA256)
/// keyed with the shared key's secret.
/// </summary>
internal static class TwilioWebhookSignature
{
    public static bool IsValid(TwilioOptions twilio, string? signatureSettings, IDictionary<string, string> parameters, string signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(twilio.StatusCallbackUrl))
        {
            return false;
        }

        var algorithm = RequestValidator.GetSignatureAlgorithm(signatureSettings);
        var secret = string.IsNullOrEmpty(signatureSettings) ? twilio.AuthToken : twilio.WebhookSharedKeySecret ?? twilio.AuthToken;
        return !string.IsNullOrEmpty(secret) && new RequestValidator(secret).Validate(twilio.StatusCallbackUrl, parameters, signature, algorithm);
    }
}
