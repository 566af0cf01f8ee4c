using IdentityTfa.Codes;
using IdentityTfa.Configuration;

namespace IdentityTfa.Policy;

/// <summary>A change of the site policy by an admin.</summary>
public sealed record SitePolicyUpdate(
    bool AllowCustomerTwoFactor,
    IReadOnlyList<string> RequiredRoles,
    NewAccountMethod NewAccountMethod,
    string CompanyName,
    CodePolicies Policies);
