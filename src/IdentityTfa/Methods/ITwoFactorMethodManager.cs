using IdentityTfa.Challenges;

namespace IdentityTfa.Methods;

/// <summary>Turns a user's second-factor methods on and off.</summary>
public interface ITwoFactorMethodManager<TUser>
    where TUser : class
{
    /// <summary>The methods the user has turned on, the preferred one first.</summary>
    Task<IReadOnlyList<TwoFactorMethodInfo>> GetMethodsAsync(TUser user, CancellationToken cancellationToken = default);

    /// <summary>Checks the code sent to <paramref name="phoneNumber"/>; when right, the number becomes the user's phone and text messages are turned on.</summary>
    Task<VerifyResult> ConfirmPhoneAsync(TUser user, string phoneNumber, string code, CancellationToken cancellationToken = default);

    /// <summary>Checks the code sent to the user's confirmed email; when right, email codes are turned on.</summary>
    Task<VerifyResult> ConfirmEmailAsync(TUser user, string code, CancellationToken cancellationToken = default);

    /// <summary>Turns two-factor sign-in off and removes every method.</summary>
    Task DisableAsync(TUser user, CancellationToken cancellationToken = default);
}
