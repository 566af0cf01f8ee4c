using System.Xml.Linq;
using IdentityTfa.Templates;
using Microsoft.Extensions.Options;

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
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", message.To),
            new("From", twilio.From!),
            new("Twiml", Twiml(message, twilio)),
        };
        if (!string.IsNullOrEmpty(twilio.StatusCallbackUrl))
        {
            form.Add(new("StatusCallback", twilio.StatusCallbackUrl));
        }

        var result = await client.CreateCallAsync(form, cancellationToken);
        return result.Succeeded
            ? DeliveryResult.Sent(result.Sid)
            : DeliveryResult.Failed(TwilioErrors.ForUser(result, Channel), TwilioErrors.Detail(result));
    }

    internal static string Twiml(OutgoingMessage message, TwilioOptions twilio)
    {
        var phrases = BuiltInTemplates.VoiceFor(message.Language);
        XElement Say(string text)
        {
            var say = new XElement("Say", new XAttribute("language", phrases.TwilioLanguage), text);
            if (!string.IsNullOrEmpty(twilio.Voice))
            {
                say.Add(new XAttribute("voice", twilio.Voice));
            }

            return say;
        }

        var response = new XElement("Response");
        for (var i = 0; i < twilio.VoiceRepeats; i++)
        {
            response.Add(Say(message.Body), new XElement("Pause", new XAttribute("length", 1)));
            if (i < twilio.VoiceRepeats - 1)
            {
                response.Add(new XElement("Gather", new XAttribute("numDigits", 1), new XAttribute("timeout", 4), Say(phrases.PressToRepeat)));
            }
        }

        response.Add(Say(phrases.Goodbye));
        return response.ToString(SaveOptions.DisableFormatting);
    }
}
