using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Shop.Areas.Identity.Pages.Account;

/// <summary>Spends the time of a password hash check for an email that has no account, so timing does not tell which emails exist.</summary>
internal static class PasswordTiming
{
    private static readonly IdentityUser Nobody = new();
    private static string? _dummyHash;

    public static void SpendLikeAPasswordCheck(IPasswordHasher<IdentityUser> hasher, string password)
    {
        _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
    }
}
