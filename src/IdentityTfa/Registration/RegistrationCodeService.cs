using IdentityTfa.Challenges;
using IdentityTfa.Configuration;
using IdentityTfa.Data;
using IdentityTfa.Delivery;
using IdentityTfa.Sending;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Registration;

/// <inheritdoc />
internal sealed class RegistrationCodeService(
    ChallengeStore challenges,
    CodeDelivery delivery,
    IOptionsMonitor<IdentityTfaOptions> options) : IRegistrationCodeService
{
    public Task<SendCodeResult> SendAsync(string phoneNumber, CancellationToken cancellationToken = default)
    {
        var (owner, purpose) = Binding(phoneNumber);
        return delivery.SendAsync(
            owner,
            ChallengePurpose.PhoneVerification,
            purpose,
            DeliveryChannel.Sms,
            phoneNumber,
            async () => (await challenges.IssueAsync(
                owner,
                purpose,
                ChallengePurpose.PhoneVerification,
                options.CurrentValue.Policies.PhoneVerification,
                DeliveryChannel.Sms,
                MaskedDestination.Phone(phoneNumber),
                cancellationToken)).Code,
            [],
            failoverEmail: null,
            cancellationToken);
    }

    public Task<VerifyResult> VerifyAsync(string phoneNumber, string code, CancellationToken cancellationToken = default)
    {
        var (owner, purpose) = Binding(phoneNumber);
        return challenges.VerifyAsync(owner, purpose, code, cancellationToken);
    }

    // No account exists yet: the number itself owns the code, and the purpose keeps it from serving anything else.
    private static (string Owner, string Purpose) Binding(string phoneNumber) =>
        ($"registration:{phoneNumber}", $"IdentityTfa:Register:{phoneNumber}");
}
