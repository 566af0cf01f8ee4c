using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace IdentityTfa.Delivery.Twilio;

/// <summary>Text messages through Twilio's Messages resource.</summary>
internal sealed class TwilioSmsChannel(TwilioClient client, IOptionsMonitor<TwilioOptions> options) : IMessageChannel
{
    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public string ProviderName => "Twilio text";

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var twilio = options.CurrentValue;
        var create = new CreateMessageOptions(new PhoneNumber(message.To)) { Body = message.Body };
        if (string.IsNullOrEmpty(twilio.MessagingServiceSid))
        {
            create.From = new PhoneNumber(twilio.From);
        }
        else
        {
            create.MessagingServiceSid = twilio.MessagingServiceSid;
        }

        if (!string.IsNullOrEmpty(twilio.StatusCallbackUrl))
        {
            create.StatusCallback = new Uri(twilio.StatusCallbackUrl);
        }

        var result = await client.CreateMessageAsync(create, cancellationToken);
        return result.Succeeded
            ? DeliveryResult.Sent(result.Sid, provider: "twilio")
            : DeliveryResult.Failed(TwilioErrors.ForUser(result, Channel), TwilioErrors.Detail(result));
    }
}
