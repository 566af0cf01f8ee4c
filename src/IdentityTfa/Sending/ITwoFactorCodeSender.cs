using IdentityTfa.Challenges;
using IdentityTfa.Delivery;

namespace IdentityTfa.Sending;

/// <summary>Sends codes for signing in and for proving a phone number or email address, within the policy's limits.</summary>
internal interface ITwoFactorCodeSender<TUser>
    where TUser : class
{
    /// <summary>The channels the user can get a sign-in code on, the preferred one first.</summary>
    Task<IReadOnlyList<SignInChannel>> GetSignInChannelsAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>Sends a sign-in code on <paramref name="channel"/>, or on the preferred channel when null. Ends any earlier code.</summary>
    Task<SendCodeResult> SendSignInCodeAsync(TUser user, DeliveryChannel? channel, CancellationToken cancellationToken = default);

    /// <summary>The sign-in code the user is waiting for, or null.</summary>
    Task<ActiveChallenge?> GetPendingSignInCodeAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>
    /// The channel of the sign-in code the user is waiting for, or null: what a verify step needs to name the token
    /// provider, answered without a database read on the instance that sent the code.
    /// </summary>
    async Task<DeliveryChannel?> GetPendingSignInChannelAsync(TUser user, CancellationToken cancellationToken = default) =>
        (await GetPendingSignInCodeAsync(user, cancellationToken))?.Channel;

    /// <summary>Sends a code that proves <paramref name="phoneNumber"/> (E.164) belongs to the user, by text message or voice call.</summary>
    Task<SendCodeResult> SendPhoneVerificationCodeAsync(TUser user, string phoneNumber, DeliveryChannel channel = DeliveryChannel.Sms, CancellationToken cancellationToken = default);

    /// <summary>Sends a code that proves <paramref name="email"/> belongs to the user.</summary>
    Task<SendCodeResult> SendEmailVerificationCodeAsync(TUser user, string email, CancellationToken cancellationToken = default);
}
