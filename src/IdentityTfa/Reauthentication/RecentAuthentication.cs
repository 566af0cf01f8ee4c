using System.Security.Claims;
using IdentityTfa.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Reauthentication;

/// <summary>
/// An account whose sign-in asks for a second factor needs that factor within the window: a session that skipped the
/// code on a trusted device, a password-only bearer token and an old session all fail. An account without a second
/// factor (nothing to re-authenticate with, e.g. while enrolling its first) needs its password within the window.
/// </summary>
internal sealed class RecentAuthentication<TUser>(
    SignInManager<TUser> signIn,
    IOptionsMonitor<IdentityTfaOptions> options,
    TimeProvider time) : IRecentAuthentication
    where TUser : class
{
    public async Task<RecentAuthenticationState> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.Identity?.IsAuthenticated != true || await signIn.UserManager.GetUserAsync(principal) is not { } user)
        {
            return RecentAuthenticationState.NotSignedIn;
        }

        var secondFactor = IsRecent(TfaClaimTypes.Read(principal, TfaClaimTypes.SecondFactorTime));
        if (await signIn.IsTwoFactorEnabledAsync(user))
        {
            return secondFactor ? RecentAuthenticationState.Recent : RecentAuthenticationState.SecondFactorRequired;
        }

        return secondFactor || IsRecent(TfaClaimTypes.Read(principal, TfaClaimTypes.SignInTime))
            ? RecentAuthenticationState.Recent
            : RecentAuthenticationState.PasswordRequired;
    }

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
