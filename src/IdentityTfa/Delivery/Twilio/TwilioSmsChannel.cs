using Microsoft.Extensions.Options;

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
        var form = new List<KeyValuePair<string, string>> { new("To", message.To), new("Body", message.Body) };
        form.Add(string.IsNullOrEmpty(twilio.MessagingServiceSid) ? new("From", twilio.From!) : new("MessagingServiceSid", twilio.MessagingServiceSid));
        if (!string.IsNullOrEmpty(twilio.StatusCallbackUrl))
        {
            form.Add(new("StatusCallback", twilio.StatusCallbackUrl));
        }

        var result = await client.CreateMessageAsync(form, cancellationToken);
        return result.Succeeded
            ? DeliveryResult.Sent(result.Sid)
            : DeliveryResult.Failed(TwilioErrors.ForUser(result, Channel), TwilioErrors.Detail(result));
    }
}
