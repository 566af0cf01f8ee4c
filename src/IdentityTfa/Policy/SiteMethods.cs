using IdentityTfa.Delivery;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Policy;

/// <summary>
/// The methods the site policy speaks of: which customers may use, and which count as strong enough for a role that
/// must have a strong one (NIST SP 800-63B-4 calls text and call codes "restricted"; an email code is no second factor
/// when the mailbox is the one that resets the password).
/// </summary>
public static class SiteMethods
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

    /// <summary>Whether this user is in a role that must have, and sign in with, a strong method.</summary>
    internal static Task<bool> MustUseStrongAsync<TUser>(UserManager<TUser> users, TUser user, EffectiveSitePolicy policy)
        where TUser : class =>
        RoleMembership.IsInAnyAsync(users, user, policy.StrongMethodRoles);
}
