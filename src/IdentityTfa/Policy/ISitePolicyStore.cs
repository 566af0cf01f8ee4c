using Microsoft.Extensions.Options;

namespace IdentityTfa.Policy;

/// <summary>The site's 2FA policy, stored in the database and changed at run time without a restart.</summary>
public interface ISitePolicyStore
{
    /// <summary>The policy in force for this request.</summary>
    Task<EffectiveSitePolicy> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks and stores a change (audited with the old and new values); a refused change names the bad setting.</summary>
    Task<ValidateOptionsResult> SaveAsync(SitePolicyUpdate update, CancellationToken cancellationToken = default);
}
