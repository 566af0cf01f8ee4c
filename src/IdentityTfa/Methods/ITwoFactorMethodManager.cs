using IdentityTfa.Challenges;
using IdentityTfa.Delivery;

namespace IdentityTfa.Methods;

/// <summary>Turns a user's second-factor methods on and off, and keeps Identity's two-factor flag, recovery codes and notices in step.</summary>
internal interface ITwoFactorMethodManager<TUser>
    where TUser : class
{
    /// <summary>The methods the user has turned on, the preferred one first.</summary>
    Task<IReadOnlyList<TwoFactorMethodInfo>> GetMethodsAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the code sent to <paramref name="phoneNumber"/>; when right, the number becomes the user's phone and
    /// <paramref name="channel"/> (text message or voice call) is turned on. A replaced number is told of by email.
    /// </summary>
    Task<VerifyResult> ConfirmPhoneAsync(TUser user, string phoneNumber, string code, DeliveryChannel channel = DeliveryChannel.Sms, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the code sent to <paramref name="email"/> (the account's own address, or a new one); when right, a new
    /// address becomes the account's confirmed email and email codes are turned on.
    /// </summary>
    Task<VerifyResult> ConfirmEmailAsync(TUser user, string email, string code, CancellationToken cancellationToken = default);

    /// <summary>Turns on <paramref name="channel"/> when the user's destination for it is already confirmed; false when it is not.</summary>
    Task<bool> EnableConfirmedAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken = default);

    /// <summary>The user's authenticator key (base32), made when there is none yet; the app is not on until a first code proves it.</summary>
    Task<string> GetAuthenticatorKeyAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>Turns the authenticator app on when <paramref name="code"/> is right for the user's key; the code is then used.</summary>
    Task<bool> EnableAuthenticatorAsync(TUser user, string code, CancellationToken cancellationToken = default);

    /// <summary>Turns passkeys on as a method once the user has a stored passkey (see <c>Passkeys.PasskeyManager</c>); false when there is none.</summary>
    Task<bool> EnablePasskeysAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="channel"/> the method sign-in uses first.</summary>
    Task<bool> SetPreferredAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken = default);

    /// <summary>Turns one method off; removing the last one turns two-factor sign-in off. The owner is told by email.</summary>
    Task RemoveAsync(TUser user, DeliveryChannel channel, CancellationToken cancellationToken = default);

    /// <summary>Turns two-factor sign-in off: every method, recovery code and trusted device goes. The owner is told by email.</summary>
    Task DisableAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>Makes the first set of recovery codes when the user has none; returns them (to show once), or null when a set exists.</summary>
    Task<IReadOnlyList<string>?> EnsureRecoveryCodesAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>Turns on the method that new accounts start with (see <c>IdentityTfa:NewAccountMethod</c>), where the account can use it.</summary>
    Task ApplyNewAccountDefaultsAsync(TUser user, CancellationToken cancellationToken = default);
}
