using System.Security.Claims;
using IdentityTfa.Audit;
using IdentityTfa.Challenges;
using IdentityTfa.Data;
using IdentityTfa.Limits;
using IdentityTfa.Reauthentication;
using IdentityTfa.TokenProviders;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Policy;

/// <summary>
/// Identity's <see cref="SignInManager{TUser}"/>, which also asks the site policy whether a customer's second factor
/// applies, and records sign-ins and lockouts in the audit log.
/// </summary>
internal sealed class TfaSignInManager<TUser>(
    UserManager<TUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<TUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<TUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<TUser> confirmation)
    : SignInManager<TUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
    where TUser : class
{
    // The principal the verify step will sign in with, made before its turn to write (see ReadAheadAsync).
    private (TUser User, ClaimsPrincipal Principal)? _principalReadAhead;

    private IServiceProvider RequestServices => Context.RequestServices;

    /// <summary>When the site does not let customers use two-factor sign-in, only staff are asked for a code.</summary>
    public override async Task<bool> IsTwoFactorEnabledAsync(TUser user)
    {
        if (!await base.IsTwoFactorEnabledAsync(user))
        {
            return false;
        }

        var policy = await RequestServices.GetRequiredService<ISitePolicyStore>().GetAsync();
        return policy.AllowCustomerTwoFactor || await RoleMembership.IsInAnyAsync(UserManager, user, policy.StaffRoles);
    }

    /// <summary>
    /// The verify step as one database transaction: the attempt and its rate slot, the used code, the audit rows (in one
    /// INSERT) and the lockout count are written together or not at all, with one commit (on SQLite, after one wait in
    /// the writers' queue).
    /// </summary>
    public override async Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient)
    {
        // The session remembers which method its code came from, so that a role that must use a strong one can ask again.
        _signInMethod = TokenProviders.TwoFactorProviderNames.ChannelOf(provider);
        var database = RequestServices.GetRequiredService<TfaDbContextAccessor>().Context.Database;
        if (database.CurrentTransaction is not null)
        {
            return await base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient);
        }

        // One connection from the first read to the commit, rather than one opened and closed per read.
        await database.OpenConnectionAsync();
        try
        {
            await ReadAheadAsync(provider);
            return await RequestServices.GetRequiredService<WriteUnit>().RunAsync(
                async () =>
                {
                    var audit = RequestServices.GetRequiredService<IAuditLog>() as AuditLog;
                    using (audit?.Batch())
                    {
                        var result = await base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient);
                        if (audit is not null)
                        {
                            await audit.FlushAsync();
                        }

                        return result;
                    }
                },
                Context.RequestAborted);
        }
        finally
        {
            _principalReadAhead = null;
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Makes the step's reads before its turn to write, so that the turn is spent on writes: the account the partial
    /// sign-in names (kept tracked, so the step finds it again without a query), the principal it will be signed in
    /// with (its claims and roles; unused when the code is wrong) and, for IdentityTfa's providers, the waiting code's
    /// row (kept by the challenge store for the request; nothing to read when this instance sent the code). Every write
    /// the step then makes is guarded by the row's state in the database, so a row that changes in between is harmless.
    /// </summary>
    private async Task ReadAheadAsync(string provider)
    {
        if (await GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return;
        }

        _principalReadAhead = (user, await ClaimsFactory.CreateAsync(user));
        if (!Options.Tokens.ProviderMap.TryGetValue(provider, out var descriptor)
            || !IsChallengeProvider(descriptor))
        {
            return;
        }

        await RequestServices.GetRequiredService<ChallengeStore>().ReadAheadAsync(await UserManager.GetUserIdAsync(user), TokenPurposes.TwoFactor, Context.RequestAborted);
    }

    /// <summary>The principal made by the read-ahead for this user, once; else a new one.</summary>
    public override async Task<ClaimsPrincipal> CreateUserPrincipalAsync(TUser user)
    {
        if (_principalReadAhead is { } ahead && ReferenceEquals(ahead.User, user))
        {
            _principalReadAhead = null;
            return ahead.Principal;
        }

        return await base.CreateUserPrincipalAsync(user);
    }

    private static bool IsChallengeProvider(TokenProviderDescriptor descriptor) =>
        descriptor.ProviderInstance is ChallengeTokenProvider<TUser>
        || typeof(ChallengeTokenProvider<TUser>).IsAssignableFrom(descriptor.ProviderType);

    public override async Task SignInWithClaimsAsync(TUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (_signInMethod is { } signInMethod && claims.Any(c => c.Type == "amr" && c.Value == "mfa") && !claims.Any(c => c.Type == TfaClaimTypes.Method))
        {
            claims.Add(new Claim(TfaClaimTypes.Method, signInMethod.ToString()));
        }

        StampAuthenticationTimes(claims);
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
        if (_signInMethod is { } rememberedMethod && claims.Any(c => c.Type == "amr" && c.Value == "mfa"))
        {
            await Methods.LastSignInMethod.RememberAsync(UserManager, user, rememberedMethod);
        }

        var method = claims.FirstOrDefault(c => c.Type == "amr")?.Value;
        await RequestServices.GetRequiredService<IAuditLog>().WriteAsync(
            new AuditEntry(AuditEventTypes.SignedIn, await UserManager.GetUserIdAsync(user)) { Detail = method is null ? null : $"amr={method}" });
    }

    /// <summary>
    /// Identity's recovery-code sign-in, which on its own neither honours lockout nor counts a wrong code: here a locked
    /// or stopped account is refused, a wrong code counts toward lockout and the cumulative cap, and both outcomes are
    /// audited (a success by the user manager, as "recovery.used").
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        if (await GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInResult.Failed;
        }

        var userId = await UserManager.GetUserIdAsync(user);
        var failures = RequestServices.GetRequiredService<SecondFactorFailures>();
        var audit = RequestServices.GetRequiredService<IAuditLog>();
        if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user))
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeRefused, userId) { Detail = "account locked out" });
            return await LockedOut(user);
        }

        if (await failures.IsStoppedAsync(userId, Context.RequestAborted))
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeRefused, userId) { Detail = "second factor stopped" });
            return SignInResult.NotAllowed;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded)
        {
            await failures.ResetAsync(userId, Context.RequestAborted);
            if (UserManager.SupportsUserLockout)
            {
                await UserManager.ResetAccessFailedCountAsync(user);
            }

            return result;
        }

        await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeRefused, userId) { Detail = "wrong or used code" });
        await failures.FailedAsync(userId, await UserManager.GetEmailAsync(user), Context.RequestAborted);
        if (UserManager.SupportsUserLockout)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user))
            {
                return await LockedOut(user);
            }
        }

        return result;
    }

    // The method of the code of this request's two-factor sign-in.
    private Delivery.DeliveryChannel? _signInMethod;

    // The times of the session being refreshed (a password change, a new phone), which a refresh does not renew.
    private List<Claim>? _refreshedTimes;

    /// <summary>Identity's refresh, keeping when the session's password and second factor were entered.</summary>
    public override async Task RefreshSignInAsync(TUser user)
    {
        var current = await Context.AuthenticateAsync(AuthenticationScheme);
        _refreshedTimes = current.Principal?.Claims
            .Where(c => c.Type is TfaClaimTypes.SecondFactorTime or TfaClaimTypes.SignInTime or TfaClaimTypes.Method)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType))
            .ToList();
        try
        {
            // Identity signs in again only when the session is this user's, so the times go to no one else.
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshedTimes = null;
        }
    }

    /// <summary>
    /// Dates the sign-in for <see cref="IRecentAuthentication"/>: the password now, and the second factor now when it was
    /// entered (Identity's "amr" is "mfa" after a code or recovery code, "pwd" when a trusted device skipped it).
    /// </summary>
    private void StampAuthenticationTimes(List<Claim> claims)
    {
        if (_refreshedTimes is { } kept)
        {
            claims.AddRange(kept.Where(k => !claims.Any(c => c.Type == k.Type)));
            return;
        }

        var now = RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!claims.Any(c => c.Type == TfaClaimTypes.SignInTime))
        {
            claims.Add(TfaClaimTypes.At(TfaClaimTypes.SignInTime, now));
        }

        if (claims.Any(c => c.Type == "amr" && c.Value == "mfa") && !claims.Any(c => c.Type == TfaClaimTypes.SecondFactorTime))
        {
            claims.Add(TfaClaimTypes.At(TfaClaimTypes.SecondFactorTime, now));
        }
    }

    protected override async Task<SignInResult> LockedOut(TUser user)
    {
        var until = await UserManager.GetLockoutEndDateAsync(user);
        RequestServices.GetRequiredService<Metrics.IdentityTfaMetrics>().LockedOut();
        await RequestServices.GetRequiredService<IAuditLog>().WriteAsync(
            new AuditEntry(AuditEventTypes.LockedOut, await UserManager.GetUserIdAsync(user)) { Detail = until is null ? null : $"until {until:u}" });
        return await base.LockedOut(user);
    }
}
