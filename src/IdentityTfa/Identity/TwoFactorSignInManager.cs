using System.Security.Claims;
using IdentityTfa.Audit;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Limits;
using IdentityTfa.Metrics;
using IdentityTfa.Notices;
using IdentityTfa.Persistence;
using IdentityTfa.Policy;
using IdentityTfa.Reauthentication;
using IdentityTfa.Sending;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Identity;

/// <summary>
/// Identity's <see cref="SignInManager{TUser}"/>, which also asks the site policy whether a customer's second factor
/// applies, and records sign-ins and lockouts in the audit log. Every second step of a sign-in (the verify screen's code,
/// a recovery code, the token API's code) goes through <see cref="SecondFactorSignInAsync"/>.
/// </summary>
internal sealed class TwoFactorSignInManager<TUser>(
    UserManager<TUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<TUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<TUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<TUser> confirmation,
    ISitePolicyStore policies,
    ITwoFactorCodeSender<TUser> codes,
    ChallengeStore challenges,
    VerificationOutcome outcome,
    SecondFactorFailures failures,
    TwoFactorDbContextAccessor db,
    WriteUnit writes,
    IAuditLog audit,
    TwoFactorMetrics metrics,
    AccountNoticeSender notices,
    Methods.LastSignInMethod<TUser> lastMethod,
    TimeProvider time)
    : SignInManager<TUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
    where TUser : class
{
    // The principal the verify step will sign in with, made before its turn to write (see ReadAheadAsync).
    private (TUser User, ClaimsPrincipal Principal)? _principalReadAhead;

    /// <summary>When the site does not let customers use two-factor sign-in, only staff are asked for a code.</summary>
    public override async Task<bool> IsTwoFactorEnabledAsync(TUser user)
    {
        if (!await base.IsTwoFactorEnabledAsync(user))
        {
            return false;
        }

        var policy = await policies.GetAsync();
        return policy.AllowCustomerTwoFactor || await RoleMembership.IsInAnyAsync(UserManager, user, policy.StaffRoles);
    }

    /// <summary>Identity's code sign-in of the partial sign-in's user, through <see cref="SecondFactorSignInAsync"/>.</summary>
    public override async Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient) =>
        await GetTwoFactorAuthenticationUserAsync() is { } user
            ? ToSignInResult(await SecondFactorSignInAsync(user, new SecondFactor.Code(code, provider), isPersistent, rememberClient))
            : SignInResult.Failed;

    /// <summary>
    /// Identity's recovery-code sign-in, which on its own neither honours lockout nor counts a wrong code: through
    /// <see cref="SecondFactorSignInAsync"/>, a locked or stopped account is refused and a wrong code counts.
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        await GetTwoFactorAuthenticationUserAsync() is { } user
            ? ToSignInResult(await SecondFactorSignInAsync(user, new SecondFactor.RecoveryCode(recoveryCode), isPersistent: false, rememberClient: false))
            : SignInResult.Failed;

    /// <summary>
    /// Always <see cref="SignInResult.Failed"/>: Identity's passwordless passkey sign-in signs the user in without the
    /// second step, lockout's cumulative cap or the audit. A passkey is a second factor here, checked by the verify screen
    /// after the password (through <see cref="TwoFactorSignInAsync"/>); a passkey alone, when the site policy allows it,
    /// goes through <c>Passkeys/PasskeyPasswordless</c>, which applies the account's channels, role rules and lockout.
    /// </summary>
    public override Task<SignInResult> PasskeySignInAsync(string credentialJson) => Task.FromResult(SignInResult.Failed);

    /// <summary>
    /// The second step of every sign-in, as one database transaction: the checks (lockout, the cumulative cap), the
    /// code's check (its attempt and rate slot, the used code), the failure counts or their reset, the sign-in and the
    /// audit rows (in one INSERT) are written together or not at all, with one commit (on SQLite, after one wait in the
    /// writers' queue). Inside the transaction the step only decides and writes; once the writes are made they are kept,
    /// even when the request has gone. Only after the commit are the notices mailed and the user signed in: with the
    /// bearer scheme (the token API) the sign-in writes the tokens as the response, so no token leaves before its sign-in
    /// is kept; with the cookie scheme it ends the partial sign-in as Identity's own two-factor sign-in does.
    /// </summary>
    internal async Task<SecondFactorResult> SecondFactorSignInAsync(TUser user, SecondFactor factor, bool isPersistent, bool rememberClient)
    {
        if (factor is SecondFactor.Code { Provider: null } waiting)
        {
            factor = waiting with { Provider = TwoFactorProviderNames.For(await PendingChannelAsync(user)) };
        }

        // The session remembers which method its code came from, so that a role that must use a strong one can ask again.
        _signInMethod = factor is SecondFactor.Code { Provider: { } provider } ? TwoFactorProviderNames.ChannelOf(provider) : null;

        // One connection from the first read to the commit, rather than one opened and closed per read.
        var database = db.Context.Database;
        await database.OpenConnectionAsync();
        try
        {
            await ReadAheadAsync(user, factor);
            SecondFactorResult result;
            notices.Hold();
            try
            {
                // The request's end may stop the wait for the turn, not the writes (CancellationToken.None inside).
                result = await writes.RunAsync(
                    () => audit.WriteTogetherAsync(() => StepAsync(user, factor), CancellationToken.None),
                    Context.RequestAborted);
            }
            catch
            {
                notices.DropHeld();
                throw;
            }

            // Committed: now the mails, then the sign-in (the cookies, or the bearer tokens as the response).
            await notices.SendHeldAsync(CancellationToken.None);
            if (result is SecondFactorResult.Succeeded)
            {
                await FinishSignInAsync(user, isPersistent, rememberClient);
            }

            return result;
        }
        finally
        {
            _principalReadAhead = null;
            _signInRecorded = false;
            await database.CloseConnectionAsync();
        }
    }

    private async Task<SecondFactorResult> StepAsync(TUser user, SecondFactor factor)
    {
        var userId = await UserManager.GetUserIdAsync(user);
        var recovery = factor is SecondFactor.RecoveryCode;

        // The user was loaded before the turn to write: its lockout state and concurrency stamp are read again now, so
        // that a lockout by a parallel wrong code is seen and the step's own writes to the user are not refused as stale.
        await ReloadAsync(user);
        if (!await CanSignInAsync(user))
        {
            return new SecondFactorResult.NotAllowed();
        }

        if (await IsLockedOut(user))
        {
            if (recovery)
            {
                await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeRefused, userId) { Detail = "account locked out" });
            }

            return await LockedOutResultAsync(user);
        }

        if (await failures.IsStoppedAsync(userId, CancellationToken.None))
        {
            if (recovery)
            {
                await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeRefused, userId) { Detail = "second factor stopped" });
            }

            return new SecondFactorResult.Stopped();
        }

        // The user manager counts a code's failure toward the cumulative cap (and ends the run on success) itself; a
        // recovery code is counted here. A recovery code's success is audited by the user manager, as "recovery.used".
        // A code longer than any is checked as a wrong one, so that it counts like one (its attempt, the cumulative cap)
        // without its length reaching the provider.
        var tooLong = factor.Value.Length > SecondFactor.MaxLength;
        var verified = factor switch
        {
            SecondFactor.Code code => await UserManager.VerifyTwoFactorTokenAsync(user, code.Provider!, tooLong ? NeverACode : code.Value),
            SecondFactor.RecoveryCode when tooLong => false,
            SecondFactor.RecoveryCode => (await UserManager.RedeemTwoFactorRecoveryCodeAsync(user, factor.Value)).Succeeded,
            _ => throw new ArgumentOutOfRangeException(nameof(factor), factor.GetType().Name, "A second factor this step does not know."),
        };
        if (verified)
        {
            if (recovery)
            {
                await failures.ResetAsync(userId, CancellationToken.None);
            }

            // As Identity's own two-factor sign-in: when the reset is refused (a parallel write to the user, such as a
            // wrong code that locked the account), there is no sign-in.
            if (UserManager.SupportsUserLockout && !(await UserManager.ResetAccessFailedCountAsync(user)).Succeeded)
            {
                await ReloadAsync(user);
                return await IsLockedOut(user)
                    ? await LockedOutResultAsync(user)
                    : new SecondFactorResult.Refused(recovery ? null : new VerifyResult.NoActiveCode());
            }

            // The sign-in's rows are written here; the sign-in itself (cookies or tokens) only after the commit.
            await RecordSignInAsync(user, "mfa");
            _signInRecorded = true;
            return new SecondFactorResult.Succeeded();
        }

        if (recovery)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeRefused, userId) { Detail = "wrong or used code" });
            await failures.FailedAsync(userId, await UserManager.GetEmailAsync(user), CancellationToken.None);
        }

        if (UserManager.SupportsUserLockout)
        {
            // A wrong code always counts: a count refused as stale (a parallel write to the user) is made again.
            for (var tries = 0; tries < 3 && !(await UserManager.AccessFailedAsync(user)).Succeeded; tries++)
            {
                await ReloadAsync(user);
            }

            if (await UserManager.IsLockedOutAsync(user))
            {
                return await LockedOutResultAsync(user);
            }
        }

        return new SecondFactorResult.Refused(recovery ? null : outcome.Last);
    }

    // What a provider is given for a code longer than any: it matches no code, and is checked and counted as wrong.
    private static readonly string NeverACode = new('x', SecondFactor.MaxLength + 1);

    /// <summary>Reads the user's row again when the application's context tracks it (Identity's EF store).</summary>
    private async Task ReloadAsync(TUser user)
    {
        if (db.Context.Entry(user) is { State: not EntityState.Detached } entry)
        {
            await entry.ReloadAsync(CancellationToken.None);
        }
    }

    // The second step wrote the sign-in's rows in its transaction; its sign-in after the commit does not write them again.
    private bool _signInRecorded;

    /// <summary>
    /// The rows of a sign-in: the audit row, and after a passkey its time (a code's used challenge row already says the
    /// method of the last sign-in, so a code sign-in writes nothing for it).
    /// </summary>
    private async Task RecordSignInAsync(TUser user, string? method)
    {
        if (_signInMethod == DeliveryChannel.Passkey && method == "mfa")
        {
            await lastMethod.RememberPasskeyAsync(user);
        }

        await audit.WriteAsync(
            new AuditEntry(AuditEventTypes.SignedIn, await UserManager.GetUserIdAsync(user)) { Detail = method is null ? null : $"amr={method}" });
    }

    /// <summary>
    /// Identity's end of a two-factor sign-in: "amr" is "mfa"; with cookies, the partial sign-in (and an external
    /// login's cookie) ends and the browser may be remembered; with the bearer scheme the tokens are the answer. Called
    /// only once the step's transaction has committed.
    /// </summary>
    private async Task FinishSignInAsync(TUser user, bool isPersistent, bool rememberClient)
    {
        List<Claim> claims = [new Claim("amr", "mfa")];
        if (AuthenticationScheme != IdentityConstants.BearerScheme)
        {
            var partial = await Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
            if (partial.Principal?.FindFirstValue(ClaimTypes.AuthenticationMethod) is { } loginProvider)
            {
                claims.Add(new Claim(ClaimTypes.AuthenticationMethod, loginProvider));
                await Context.SignOutAsync(IdentityConstants.ExternalScheme);
            }

            await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            if (rememberClient)
            {
                await RememberTwoFactorClientAsync(user);
            }
        }

        await SignInWithClaimsAsync(user, isPersistent, claims);
    }

    /// <summary>The channel of the waiting sign-in code; else the first with a code the account may use; else text.</summary>
    private async Task<DeliveryChannel> PendingChannelAsync(TUser user) =>
        await codes.GetPendingSignInChannelAsync(user, Context.RequestAborted)
            ?? (await codes.GetSignInChannelsAsync(user, Context.RequestAborted)).FirstOrDefault(c => c.Channel != DeliveryChannel.Passkey)?.Channel
            ?? DeliveryChannel.Sms;

    private static SignInResult ToSignInResult(SecondFactorResult result) => result switch
    {
        SecondFactorResult.Succeeded => SignInResult.Success,
        SecondFactorResult.LockedOut => SignInResult.LockedOut,
        SecondFactorResult.Stopped or SecondFactorResult.NotAllowed => SignInResult.NotAllowed,
        _ => SignInResult.Failed,
    };

    private async Task<SecondFactorResult> LockedOutResultAsync(TUser user)
    {
        await LockedOut(user);
        return new SecondFactorResult.LockedOut(await UserManager.GetLockoutEndDateAsync(user));
    }

    /// <summary>
    /// Makes the step's reads before its turn to write, so that the turn is spent on writes: the principal it will be
    /// signed in with (its claims and roles; unused when the code is wrong) and, for IdentityTfa's providers, the waiting
    /// code's row (kept by the challenge store for the request). Every write the step then makes is guarded by the row's
    /// state in the database, so a row that changes in between is never accepted; a row ended in between by a new code is
    /// read again once (ChallengeStore.VerifyAsync).
    /// </summary>
    private async Task ReadAheadAsync(TUser user, SecondFactor factor)
    {
        _principalReadAhead = (user, await ClaimsFactory.CreateAsync(user));
        if (factor is not SecondFactor.Code { Provider: { } provider }
            || !Options.Tokens.ProviderMap.TryGetValue(provider, out var descriptor)
            || !IsChallengeProvider(descriptor))
        {
            return;
        }

        await challenges.ReadAheadAsync(await UserManager.GetUserIdAsync(user), TokenPurposes.TwoFactor, Context.RequestAborted);
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
        if (_signInMethod is { } signInMethod && claims.Any(c => c.Type == "amr" && c.Value == "mfa") && !claims.Any(c => c.Type == TwoFactorClaimTypes.Method))
        {
            claims.Add(new Claim(TwoFactorClaimTypes.Method, signInMethod.ToString()));
        }

        StampAuthenticationTimes(claims);
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
        if (!_signInRecorded)
        {
            await RecordSignInAsync(user, claims.FirstOrDefault(c => c.Type == "amr")?.Value);
        }
    }

    // The method of the code of this request's two-factor sign-in.
    private DeliveryChannel? _signInMethod;

    // The times of the session being refreshed (a password change, a new phone), which a refresh does not renew.
    private List<Claim>? _refreshedTimes;

    /// <summary>Identity's refresh, keeping when the session's password and second factor were entered.</summary>
    public override async Task RefreshSignInAsync(TUser user)
    {
        var current = await Context.AuthenticateAsync(AuthenticationScheme);
        _refreshedTimes = current.Principal?.Claims
            .Where(c => c.Type is TwoFactorClaimTypes.SecondFactorTime or TwoFactorClaimTypes.SignInTime or TwoFactorClaimTypes.Method)
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

        var now = time.GetUtcNow();
        if (!claims.Any(c => c.Type == TwoFactorClaimTypes.SignInTime))
        {
            claims.Add(TwoFactorClaimTypes.At(TwoFactorClaimTypes.SignInTime, now));
        }

        if (claims.Any(c => c.Type == "amr" && c.Value == "mfa") && !claims.Any(c => c.Type == TwoFactorClaimTypes.SecondFactorTime))
        {
            claims.Add(TwoFactorClaimTypes.At(TwoFactorClaimTypes.SecondFactorTime, now));
        }
    }

    protected override async Task<SignInResult> LockedOut(TUser user)
    {
        var until = await UserManager.GetLockoutEndDateAsync(user);
        metrics.LockedOut();
        await audit.WriteAsync(
            new AuditEntry(AuditEventTypes.LockedOut, await UserManager.GetUserIdAsync(user)) { Detail = until is null ? null : $"until {until:u}" });
        return await base.LockedOut(user);
    }
}
