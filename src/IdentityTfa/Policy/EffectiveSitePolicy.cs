using IdentityTfa.Configuration;
using IdentityTfa.Delivery;

namespace IdentityTfa.Policy;

/// <summary>The policy in force: configuration, with what admins changed at run time on top.</summary>
/// <param name="Options">Every IdentityTfa setting as it applies now.</param>
/// <param name="AllowCustomerTwoFactor">Whether customers may use two-factor sign-in; staff always may.</param>
/// <param name="RequiredRoles">Roles whose members must enrol before they reach anything else.</param>
/// <param name="StaffRoles">Roles that keep two-factor sign-in when customers may not use it.</param>
public sealed record EffectiveSitePolicy(IdentityTfaOptions Options, bool AllowCustomerTwoFactor, IReadOnlyList<string> RequiredRoles, IReadOnlyList<string> StaffRoles)
{
    /// <summary>The methods customers may use (at least one); staff and the roles of <see cref="StrongMethodRoles"/> may use any.</summary>
    public IReadOnlyList<DeliveryChannel> CustomerMethods { get; init; } = SiteMethods.All;

    /// <summary>Roles whose members must have, and sign in with, a method of <see cref="SiteMethods.Strong"/> (default <c>Admin</c>).</summary>
    public IReadOnlyList<string> StrongMethodRoles { get; init; } = SiteMethods.DefaultStrongMethodRoles;
}
