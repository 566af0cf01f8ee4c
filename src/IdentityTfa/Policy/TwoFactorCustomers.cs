using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Policy;

/// <summary>The customers (not staff) who have two-factor sign-in on: those whom turning it off for the site would affect.</summary>
internal sealed class TwoFactorCustomers<TUser>(UserManager<TUser> users, TwoFactorDbContextAccessor db)
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

    /// <summary>
    /// How many customers have methods but none that <paramref name="allowed"/> keeps: those a change of the customer
    /// methods would leave with no code to sign in with. Staff and the roles with a method rule may use any method.
    /// </summary>
    public async Task<int> CountStrandedAsync(EffectiveSitePolicy policy, IReadOnlyList<DeliveryChannel> allowed, CancellationToken cancellationToken)
    {
        // The exempt accounts are read per role (a handful of staff); the customers are counted by one query in the
        // database, not account by account.
        var exempt = new HashSet<string>(StringComparer.Ordinal);
        if (users.SupportsUserRole)
        {
            foreach (var role in policy.StaffRoles.Concat(policy.RoleMethods.Keys).Distinct(StringComparer.Ordinal))
            {
                foreach (var member in await users.GetUsersInRoleAsync(role))
                {
                    exempt.Add(await users.GetUserIdAsync(member));
                }
            }
        }

        var exemptIds = exempt.ToList();
        var kept = allowed.ToList();
        var methods = db.Context.Set<TwoFactorMethod>().AsNoTracking();
        return await methods
            .Where(m => !exemptIds.Contains(m.UserId) && !methods.Any(o => o.UserId == m.UserId && kept.Contains(o.Channel)))
            .Select(m => m.UserId)
            .Distinct()
            .CountAsync(cancellationToken);
    }
}
