using IdentityTfa.Delivery;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Policy;

/// <summary>
/// The methods the site policy speaks of: which customers may use, and which count as strong enough for a role that
/// must have a strong one (NIST SP 800-63B-4 calls text and call codes "restricted"; an email code is no second factor
/// when the mailbox is the one that resets the password).
/// </summary>
internal static class SiteMethods
{
    /// <summary>Every method, in the order the policy page lists them.</summary>
    public static readonly IReadOnlyList<DeliveryChannel> All =
        [DeliveryChannel.Sms, DeliveryChannel.Voice, DeliveryChannel.Email, DeliveryChannel.Authenticator, DeliveryChannel.Passkey];

    /// <summary>
    /// The methods a role in <see cref="EffectiveSitePolicy.StrongMethodRoles"/> must have one of: a phishing-resistant
    /// method (a passkey) or an authenticator app.
    /// </summary>
    public static readonly IReadOnlyList<DeliveryChannel> Strong = [DeliveryChannel.Passkey, DeliveryChannel.Authenticator];

    /// <summary>The roles that must have a strong method when the policy was never changed.</summary>
    public static readonly IReadOnlyList<string> DefaultStrongMethodRoles = ["Admin"];

    /// <summary>The role rules when the policy was never changed: <c>Admin</c> must have one of <see cref="Strong"/>.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<DeliveryChannel>> DefaultRoleMethods =
        new Dictionary<string, IReadOnlyList<DeliveryChannel>>(StringComparer.Ordinal) { ["Admin"] = Strong };

    /// <summary>Whether a method is strong enough for a role that must have a strong one.</summary>
    public static bool IsStrong(DeliveryChannel channel) => Strong.Contains(channel);

    /// <summary>The methods this user may use: any for staff and the roles that must have a strong one, else the customers' ones.</summary>
    internal static async Task<IReadOnlyList<DeliveryChannel>> AllowedForAsync<TUser>(UserManager<TUser> users, TUser user, EffectiveSitePolicy policy)
        where TUser : class =>
        await RoleMembership.IsInAnyAsync(users, user, policy.StaffRoles.Concat(policy.StrongMethodRoles)) ? All : policy.CustomerMethods;

    /// <summary>Whether the site policy lets this user turn on (or use) <paramref name="channel"/>.</summary>
    internal static async Task<bool> IsAllowedAsync<TUser>(UserManager<TUser> users, TUser user, DeliveryChannel channel, ISitePolicyStore policies, CancellationToken cancellationToken)
        where TUser : class =>
        (await AllowedForAsync(users, user, await policies.GetAsync(cancellationToken))).Contains(channel);

    /// <summary>Whether this user is in a role that must have, and sign in with, a method of its rule.</summary>
    internal static async Task<bool> MustUseStrongAsync<TUser>(UserManager<TUser> users, TUser user, EffectiveSitePolicy policy)
        where TUser : class =>
        await RequiredForAsync(users, user, policy) is not null;

    /// <summary>
    /// The methods that count for this user under <see cref="EffectiveSitePolicy.RoleMethods"/>, or null when no role of
    /// the user has a rule. In several roles, a method counts when every rule names it; rules that share none ask for
    /// the strong methods, so that a contradiction never lets a weaker one through.
    /// </summary>
    internal static async Task<IReadOnlyList<DeliveryChannel>?> RequiredForAsync<TUser>(UserManager<TUser> users, TUser user, EffectiveSitePolicy policy)
        where TUser : class
    {
        if (!users.SupportsUserRole || policy.RoleMethods.Count == 0)
        {
            return null;
        }

        // One read of the user's roles, compared by normalized name as IsInRoleAsync compares them.
        var userRoles = (await users.GetRolesAsync(user)).Select(users.NormalizeName).ToHashSet(StringComparer.Ordinal);
        IEnumerable<DeliveryChannel>? counted = null;
        foreach (var (role, methods) in policy.RoleMethods)
        {
            if (userRoles.Contains(users.NormalizeName(role)))
            {
                counted = counted is null ? methods : counted.Intersect(methods);
            }
        }

        return counted?.ToList() switch
        {
            null => null,
            { Count: 0 } => Strong,
            var list => All.Where(list.Contains).ToList(),
        };
    }
}
