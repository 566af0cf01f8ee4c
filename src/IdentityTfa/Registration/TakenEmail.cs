using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Registration;

/// <summary>
/// A registration with an email that already has an account answers as a new one does (ASVS 5.0 V6.3.8, NIST SP
/// 800-63B-4 on not revealing accounts): no account is made, and the holder of the address is told by mail instead.
/// </summary>
internal static class TakenEmail
{
    /// <summary>Whether <paramref name="error"/> only says the email or user name belongs to an account.</summary>
    public static bool IsTaken(IdentityError error) =>
        error.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName);

    /// <summary>
    /// Spends the password hash that creating an account would spend, so that the taken address is not answered sooner.
    /// </summary>
    public static void SpendLikeCreating<TUser>(UserManager<TUser> users, TUser user, string password)
        where TUser : class =>
        _ = users.PasswordHasher.HashPassword(user, password);
}
