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
    /// What Identity's user and password validators say of a new account, a taken email apart: the errors to show, and
    /// whether the email (or user name) already belongs to an account.
    /// </summary>
    public static async Task<(List<IdentityError> Errors, bool Taken)> ValidateNewAsync<TUser>(UserManager<TUser> users, TUser user, string password)
        where TUser : class
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.UserValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user)).Errors);
        }

        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        var taken = errors.RemoveAll(IsTaken) > 0;
        return (errors, taken);
    }

    /// <summary>
    /// Spends the password hash that creating an account would spend, so that the taken address is not answered sooner.
    /// </summary>
    public static void SpendLikeCreating<TUser>(UserManager<TUser> users, TUser user, string password)
        where TUser : class =>
        _ = users.PasswordHasher.HashPassword(user, password);
}
