using IdentityTfa.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Policy;

/// <summary>The customers (not staff) who have two-factor sign-in on: those whom turning it off for the site would affect.</summary>
internal sealed class TwoFactorCustomers<TUser>(UserManager<TUser> users, TfaDbContextAccessor db)
    where TUser : class
{
    /// <summary>How many customers have two-factor sign-in on, counting only accounts that have a method to sign in with.</summary>
    public async Task<int> CountAsync(EffectiveSitePolicy policy, CancellationToken cancellationToken)
    {
        // Turning it on needs a method, so only accounts with one are asked, each through the UserManager: the library
        // knows nothing of the app's user table. An admin asks this once, before a change that affects every customer.
        var withMethod = await db.Context.Set<TwoFactorMethod>().AsNoTracking().Select(m => m.UserId).Distinct().ToListAsync(cancellationToken);
        var count = 0;
        foreach (var userId in withMethod)
        {
            if (await users.FindByIdAsync(userId) is { } user && await users.GetTwoFactorEnabledAsync(user)
                && !await RoleMembership.IsInAnyAsync(users, user, policy.StaffRoles))
            {
                count++;
            }
        }

        return count;
    }
}
