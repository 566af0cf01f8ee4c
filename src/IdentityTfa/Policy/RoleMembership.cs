using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Policy;

/// <summary>Whether a user is in any of a list of roles; false where the app has no roles.</summary>
internal static class RoleMembership
{
    public static async Task<bool> IsInAnyAsync<TUser>(UserManager<TUser> users, TUser user, IEnumerable<string> roles)
        where TUser : class
    {
        if (!users.SupportsUserRole)
        {
            return false;
        }

        foreach (var role in roles)
        {
            if (await users.IsInRoleAsync(user, role))
            {
                return true;
            }
        }

        return false;
    }
}
