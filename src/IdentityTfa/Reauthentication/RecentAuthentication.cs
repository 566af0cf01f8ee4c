using System.Security.Claims;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Methods;
using IdentityTfa.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Reauthentication;

/// <summary>
/// An account whose sign-in asks for a second factor needs that factor within the window: a session that skipped the
/// code on a trusted device, a password-only bearer token and an old session all fail. An account without a second
/// factor (nothing to re-authenticate with, e.g. while enrolling its first) needs its password within the window.
/// A user the site policy asks a strong method of (<see cref="SiteMethods.MustUseStrongAsync"/>) who has one counts as
/// recent only when this session's second factor was a strong one (claim <see cref="TwoFactorClaimTypes.Method"/>): a text,
/// call or email code must not let it remove the admin's app and enrol another.
/// </summary>
internal sealed class RecentAuthentication<TUser>(
    SignInManager<TUser> signIn,
    IOptionsMonitor<TwoFactorOptions> options,
    ISitePolicyStore policies,
    ITwoFactorMethodManager<TUser> methods,
    TimeProvider time) : IRecentAuthentication
    where TUser : class
{
    public async Task<RecentAuthenticationState> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.Identity?.IsAuthenticated != true || await signIn.UserManager.GetUserAsync(principal) is not { } user)
        {
            return RecentAuthenticationState.NotSignedIn;
        }

        var secondFactor = IsRecent(TwoFactorClaimTypes.Read(principal, TwoFactorClaimTypes.SecondFactorTime));
        if (await signIn.IsTwoFactorEnabledAsync(user))
        {
            if (await CountedMethodsAsync(user, cancellationToken) is { } counted)
            {
                var method = principal.FindFirst(TwoFactorClaimTypes.Method)?.Value;
                return secondFactor && Enum.TryParse<DeliveryChannel>(method, out var used) && counted.Contains(used)
                    ? RecentAuthenticationState.Recent
                    : RecentAuthenticationState.StrongSecondFactorRequired;
            }

            return secondFactor ? RecentAuthenticationState.Recent : RecentAuthenticationState.SecondFactorRequired;
        }

        return secondFactor || IsRecent(TwoFactorClaimTypes.Read(principal, TwoFactorClaimTypes.SignInTime))
            ? RecentAuthenticationState.Recent
            : RecentAuthenticationState.PasswordRequired;
    }

    /// <summary>The methods a role's rule asks of this user, when it has one and the user has one of them to step up with.</summary>
    private async Task<IReadOnlyList<DeliveryChannel>?> CountedMethodsAsync(TUser user, CancellationToken cancellationToken) =>
        await SiteMethods.RequiredForAsync(signIn.UserManager, user, await policies.GetAsync(cancellationToken)) is { } counted
        && (await methods.GetMethodsAsync(user, cancellationToken)).Any(m => counted.Contains(m.Channel))
            ? counted
            : null;

    private bool IsRecent(DateTimeOffset? at)
    {
        if (at is not { } when)
        {
            return false;
        }

        // A minute of clock skew between instances is allowed for a time in the future; nothing more.
        var age = time.GetUtcNow() - when;
        return age >= TimeSpan.FromMinutes(-1) && age <= options.CurrentValue.ReauthenticationWindow;
    }
}
