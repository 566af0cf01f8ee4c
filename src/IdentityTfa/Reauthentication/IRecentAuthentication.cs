using System.Security.Claims;

namespace IdentityTfa.Reauthentication;

/// <summary>
/// Answers whether a signed-in principal authenticated recently enough (<c>IdentityTfa:ReauthenticationWindow</c>) to
/// change its password, email, phone or second factor.
/// </summary>
internal interface IRecentAuthentication
{
    /// <summary>The state of <paramref name="principal"/> now, from its <see cref="TwoFactorClaimTypes"/> claims.</summary>
    Task<RecentAuthenticationState> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default);
}
