using IdentityTfa.Configuration;
using IdentityTfa.Delivery;

namespace IdentityTfa.Policy;

/// <summary>The policy in force: configuration, with what admins changed at run time on top.</summary>
/// <param name="Options">Every IdentityTfa setting as it applies now.</param>
/// <param name="AllowCustomerTwoFactor">Whether customers may use two-factor sign-in; staff always may.</param>
/// <param name="RequiredRoles">Roles whose members must enrol before they reach anything else.</param>
/// <param name="StaffRoles">Roles that keep two-factor sign-in when customers may not use it.</param>
public sealed record EffectiveSitePolicy(TwoFactorOptions Options, bool AllowCustomerTwoFactor, IReadOnlyList<string> RequiredRoles, IReadOnlyList<string> StaffRoles)
{
    /// <summary>The methods customers may use (at least one); staff and the roles of <see cref="RoleMethods"/> may use any.</summary>
    public IReadOnlyList<DeliveryChannel> CustomerMethods { get; init; } = SiteMethods.All;

    /// <summary>
    /// Per role, the methods its members must have one of and sign in with (default <c>Admin</c>: the methods of
    /// <see cref="SiteMethods.Strong"/>; text, call and email are not enough).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DeliveryChannel>> RoleMethods { get; init; } = SiteMethods.DefaultRoleMethods;

    /// <summary>
    /// Whether customers may sign in with a passkey alone, without the password (default off). The passkey must be a
    /// sign-in method of the account, and a role whose rule does not count passkeys still signs in with its password.
    /// </summary>
    public bool PasswordlessPasskeys { get; init; }

    /// <summary>The roles that have a rule in <see cref="RoleMethods"/>.</summary>
    public IReadOnlyList<string> StrongMethodRoles => RoleMethods.Keys.ToList();
}
