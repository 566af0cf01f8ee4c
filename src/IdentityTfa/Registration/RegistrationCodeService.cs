using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Policy;
using IdentityTfa.Sending;

namespace IdentityTfa.Registration;

/// <inheritdoc />
internal sealed class RegistrationCodeService(
    ChallengeStore challenges,
    CodeDelivery delivery,
    ISitePolicyStore policies) : IRegistrationCodeService
{
    public async Task<SendCodeResult> SendAsync(string phoneNumber, CancellationToken cancellationToken = default)
    {
        var policy = (await policies.GetAsync(cancellationToken)).Options.Policies.PhoneVerification;
        var (owner, purpose) = Binding(phoneNumber);
        return await delivery.SendAsync(
            owner,
            ChallengePurpose.PhoneVerification,
            purpose,
            DeliveryChannel.Sms,
            phoneNumber,
            async () => (await challenges.IssueAsync(
                owner,
                purpose,
                ChallengePurpose.PhoneVerification,
                policy,
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
        return challenges.VerifyAsync(owner, purpose, code, verifyRate: null, cancellationToken);
    }

    /// <summary>The account a code's owner is, for the audit log: none for a phone sign-up's code, which no account owns yet.</summary>
    public static string? AccountOf(string owner) => owner.StartsWith(OwnerPrefix, StringComparison.Ordinal) ? null : owner;

    private const string OwnerPrefix = "registration:";

    // No account exists yet: the number itself owns the code, and the purpose keeps it from serving anything else.
    private static (string Owner, string Purpose) Binding(string phoneNumber) =>
        ($"{OwnerPrefix}{phoneNumber}", $"IdentityTfa:Register:{phoneNumber}");
}
