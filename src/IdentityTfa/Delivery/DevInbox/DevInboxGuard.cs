using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Delivery.DevInbox;

/// <summary>Which channels fall back to the development inbox because no real provider is configured for them.</summary>
internal sealed class DevInboxOptions
{
    public List<DeliveryChannel> Channels { get; } = [];
}

/// <summary>Stops a Production start-up that would keep codes in the development inbox instead of sending them.</summary>
internal sealed class DevInboxGuard(IHostEnvironment environment) : IValidateOptions<DevInboxOptions>
{
    public ValidateOptionsResult Validate(string? name, DevInboxOptions options)
    {
        if (!environment.IsProduction() || options.Channels.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"IdentityTfa: no message provider is configured for {string.Join(" and ", options.Channels)}, and the development inbox is not allowed in Production. " +
            "Set IdentityTfa:Sms:Twilio (AccountSid, AuthToken, From) for text messages and IdentityTfa:Email:Smtp (Host, From) for email, " +
            "or register your own IMessageChannel for each channel.");
    }
}
