using IdentityTfa.Templates;
using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using Twilio.Types;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>
/// Voice calls through Twilio's Calls resource with inline TwiML that reads the code digit by digit, then offers
/// "press 1 to hear the code again" (a one-digit Gather), a fixed number of times.
/// </summary>
internal sealed class TwilioVoiceChannel(TwilioClient client, IOptionsMonitor<TwilioOptions> options) : IMessageChannel
{
    public DeliveryChannel Channel => DeliveryChannel.Voice;

    public string ProviderName => "Twilio voice";

    public bool IsConfigured => options.CurrentValue.IsConfigured && !string.IsNullOrEmpty(options.CurrentValue.From);

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var twilio = options.CurrentValue;
        var create = new CreateCallOptions(new PhoneNumber(message.To), new PhoneNumber(twilio.From)) { Twiml = new Twiml(Twiml(message, twilio)) };
        if (!string.IsNullOrEmpty(twilio.StatusCallbackUrl))
        {
            create.StatusCallback = new Uri(twilio.StatusCallbackUrl);
        }

        var result = await client.CreateCallAsync(create, cancellationToken);
        return result.Succeeded
            ? DeliveryResult.Sent(result.Sid, provider: "twilio")
            : DeliveryResult.Failed(TwilioErrors.ForUser(result, Channel), TwilioErrors.Detail(result));
    }

    internal static string Twiml(OutgoingMessage message, TwilioOptions twilio)
    {
        var phrases = BuiltInTemplates.VoiceFor(message.Language);
        Say Spoken(string text) => new(
            text,
            voice: string.IsNullOrEmpty(twilio.Voice) ? null : (Say.VoiceEnum)twilio.Voice,
            language: (Say.LanguageEnum)phrases.TwilioLanguage);

        var response = new VoiceResponse();
        for (var i = 0; i < twilio.VoiceRepeats; i++)
        {
            response.Append(Spoken(message.Body)).Append(new Pause(length: 1));
            if (i < twilio.VoiceRepeats - 1)
            {
                response.Append(new Gather(numDigits: 1, timeout: 4).Append(Spoken(phrases.PressToRepeat)));
            }
        }

        response.Append(Spoken(phrases.Goodbye));
        return response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
    }
}
