using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Delivery.DevInbox;

/// <summary>The trigger of the start-up check of message providers; it holds nothing.</summary>
internal sealed class DeliveryCheckOptions;

/// <summary>Stops a Production start-up in which codes by text message or email would have no provider to go through.</summary>
internal sealed class DevInboxGuard(IHostEnvironment environment, IServiceScopeFactory scopes) : IValidateOptions<DeliveryCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryCheckOptions options)
    {
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        using var scope = scopes.CreateScope();
        var router = scope.ServiceProvider.GetRequiredService<MessageChannelRouter>();
        var missing = new List<string>();
        if (!router.CanSend(DeliveryChannel.Sms))
        {
            missing.Add("text messages: set IdentityTfa:Sms:Twilio:AccountSid, IdentityTfa:Sms:Twilio:AuthToken and IdentityTfa:Sms:Twilio:From");
        }

        if (!router.CanSend(DeliveryChannel.Email))
        {
            missing.Add("email: set IdentityTfa:Email:Smtp:Host and IdentityTfa:Email:Smtp:From");
        }

        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "IdentityTfa: a message provider is missing, and the development inbox is not allowed in Production. For " +
                string.Join("; for ", missing) + " (or register your own IMessageChannel).");
    }
}
