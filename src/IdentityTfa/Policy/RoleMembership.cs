using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Policy;

/// <summary>Whether a user is in any of a list of roles; false where the app has no roles.</summary>
internal static class RoleMembership
{
    /// <summary>
    /// One read of the user's roles, compared by their normalized names as Identity's <c>IsInRoleAsync</c> compares
    /// them (which would read the role and then the membership, once for each role asked about).
    /// </summary>
    public static async Task<bool> IsInAnyAsync<TUser>(UserManager<TUser> users, TUser user, IEnumerable<string> roles)
        where TUser : class
    {
        var asked = roles.Select(users.NormalizeName).ToHashSet(StringComparer.Ordinal);
        if (!users.SupportsUserRole || asked.Count == 0)
        {
            return false;
        }

        return (await users.GetRolesAsync(user)).Any(role => asked.Contains(users.NormalizeName(role)));
    }
}
