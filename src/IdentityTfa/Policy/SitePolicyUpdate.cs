using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;

namespace IdentityTfa.Policy;

/// <summary>A change of the site policy by an admin.</summary>
/// <remarks>
/// Code settings weaker than recommended (shorter than 6, lasting over 15 minutes, more than 10 attempts) are saved
/// only with <paramref name="AcceptWeakSettings"/>. Null <paramref name="CustomerMethods"/> or
/// <paramref name="StrongMethodRoles"/> keep the ones in force. <paramref name="RoleMethods"/> (per role, the methods
/// that count for it) replaces the role rules; without it, <paramref name="StrongMethodRoles"/> gives each of its roles
/// the strong methods.
/// </remarks>
public sealed record SitePolicyUpdate(
    bool AllowCustomerTwoFactor,
    IReadOnlyList<string> RequiredRoles,
    NewAccountMethod NewAccountMethod,
    string CompanyName,
    CodePolicies Policies,
    bool AcceptWeakSettings = false,
    IReadOnlyList<DeliveryChannel>? CustomerMethods = null,
    IReadOnlyList<string>? StrongMethodRoles = null,
    IReadOnlyDictionary<string, IReadOnlyList<DeliveryChannel>>? RoleMethods = null)
{
    /// <summary>Whether customers may sign in with a passkey alone; null keeps the setting in force.</summary>
    public bool? PasswordlessPasskeys { get; init; }
}
