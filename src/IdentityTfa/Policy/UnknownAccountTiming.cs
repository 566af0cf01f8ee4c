using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Policy;

/// <summary>
/// Spends the time of a password check for an email that has no account, so that the time of a refused sign-in does
/// not tell which emails exist. Used by the token API and by sign-in pages.
/// </summary>
internal static class UnknownAccountTiming
{
    /// <summary>Checks <paramref name="password"/> against the hash of a user that exists nowhere.</summary>
    public static void SpendLikeAPasswordCheck<TUser>(IPasswordHasher<TUser> hasher, string password)
        where TUser : class =>
        hasher.VerifyHashedPassword(Nobody<TUser>.Instance, Nobody<TUser>.Hash(hasher), password);

    private static class Nobody<TUser>
        where TUser : class
    {
        private static string? _hash;

        public static TUser Instance { get; } = Activator.CreateInstance<TUser>();

        public static string Hash(IPasswordHasher<TUser> hasher) => _hash ??= hasher.HashPassword(Instance, Guid.NewGuid().ToString());
    }
}
