using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Limits;
using IdentityTfa.Logging;
using IdentityTfa.Notices;
using IdentityTfa.Persistence;
using IdentityTfa.RecoveryCodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Identity;

/// <summary>
/// Identity's <see cref="UserManager{TUser}"/> with recovery codes kept as keyed hashes in IdentityTfa's table,
/// instead of in clear in the user tokens table. Every other behaviour is Identity's own; a recovery code is redeemed
/// through <see cref="TwoFactorSignInManager{TUser}.SecondFactorSignInAsync"/>, the one second-step path.
/// </summary>
internal sealed class TwoFactorUserManager<TUser>(
    IUserStore<TUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<TUser> passwordHasher,
    IEnumerable<IUserValidator<TUser>> userValidators,
    IEnumerable<IPasswordValidator<TUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<TUser>> logger,
    RecoveryCodeStore recoveryCodes,
    IAuditLog audit,
    SecurityNotices notices,
    SecondFactorFailures failures,
    TwoFactorDbContextAccessor db)
    : UserManager<TUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
    where TUser : class
{
    public override bool SupportsUserTwoFactorRecoveryCodes => true;

    /// <summary>
    /// The request's token, except inside a transaction (a second step's unit of work): once the writes are made they
    /// are kept, so a client that goes away cannot undo a used code or a counted failure.
    /// </summary>
    protected override CancellationToken CancellationToken =>
        db.Context.Database.CurrentTransaction is null ? base.CancellationToken : CancellationToken.None;

    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(TUser user, int number)
    {
        ThrowIfDisposed();
        var userId = await GetUserIdAsync(user);
        var hadCodes = await recoveryCodes.AnyAsync(userId, CancellationToken);
        var codes = await recoveryCodes.ReplaceAsync(userId, number, CancellationToken);
        TwoFactorLog.RecoveryCodesGenerated(Logger, codes.Count);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodesGenerated, userId) { Detail = $"{codes.Count} codes" }, CancellationToken);

        // The first set comes with turning two-factor sign-in on, which has its own notice.
        if (hadCodes)
        {
            await notices.RecoveryCodesMadeAsync(this, user, CancellationToken);
        }
        return codes;
    }

    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(TUser user, string code)
    {
        ThrowIfDisposed();
        var userId = await GetUserIdAsync(user);
        if (await recoveryCodes.RedeemAsync(userId, code, CancellationToken))
        {
            var left = await recoveryCodes.CountLeftAsync(userId, CancellationToken);
            TwoFactorLog.RecoveryCodeUsed(Logger, left);
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeUsed, userId) { Detail = $"{left} left" }, CancellationToken);
            await notices.RecoveryCodeUsedAsync(this, user, left, CancellationToken);
            return IdentityResult.Success;
        }

        TwoFactorLog.RecoveryCodeRefused(Logger);
        // Identity's describer is handed the code; this error must not carry it anywhere.
        return IdentityResult.Failed(new IdentityError { Code = nameof(IdentityErrorDescriber.RecoveryCodeRedemptionFailed), Description = "That recovery code is not valid or was already used." });
    }

    public override async Task<int> CountRecoveryCodesAsync(TUser user)
    {
        ThrowIfDisposed();
        return await recoveryCodes.CountLeftAsync(await GetUserIdAsync(user), CancellationToken);
    }

    // The notices of the other security events that pass through Identity's UserManager, so that no page or endpoint
    // that changes a password or the email can forget them.
    public override async Task<IdentityResult> ChangeEmailAsync(TUser user, string newEmail, string token)
    {
        var before = await GetEmailAsync(user);
        var result = await base.ChangeEmailAsync(user, newEmail, token);
        if (result.Succeeded && !string.Equals(before, newEmail, StringComparison.OrdinalIgnoreCase))
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.EmailChanged, await GetUserIdAsync(user))
            {
                OldValue = string.IsNullOrEmpty(before) ? null : MaskedDestination.Email(before),
                NewValue = MaskedDestination.Email(newEmail),
            }, CancellationToken);
            if (!string.IsNullOrEmpty(before))
            {
                await notices.EmailChangedAsync(this, user, before, newEmail, CancellationToken);
            }
        }

        return result;
    }

    public override async Task<IdentityResult> ChangePasswordAsync(TUser user, string currentPassword, string newPassword)
    {
        var result = await base.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Succeeded)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasswordChanged, await GetUserIdAsync(user)), CancellationToken);
            await notices.PasswordChangedAsync(this, user, CancellationToken);
        }

        return result;
    }

    public override async Task<IdentityResult> AddPasswordAsync(TUser user, string password)
    {
        var result = await base.AddPasswordAsync(user, password);
        if (result.Succeeded)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasswordChanged, await GetUserIdAsync(user)), CancellationToken);
            await notices.PasswordChangedAsync(this, user, CancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Identity's check of a second-factor code, under the cumulative cap: an account at the cap is refused without a
    /// check, a failure counts toward the cap and a success ends the run (every sign-in code, page and API, comes here).
    /// </summary>
    public override async Task<bool> VerifyTwoFactorTokenAsync(TUser user, string tokenProvider, string token)
    {
        var userId = await GetUserIdAsync(user);
        if (await failures.IsStoppedAsync(userId, CancellationToken))
        {
            return false;
        }

        if (await base.VerifyTwoFactorTokenAsync(user, tokenProvider, token))
        {
            await failures.ResetAsync(userId, CancellationToken);
            return true;
        }

        await failures.FailedAsync(userId, await GetEmailAsync(user), CancellationToken);
        return false;
    }

    /// <summary>Identity's password reset by the emailed token, which also lifts the cumulative second-factor cap.</summary>
    public override async Task<IdentityResult> ResetPasswordAsync(TUser user, string token, string newPassword)
    {
        var result = await base.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasswordReset, await GetUserIdAsync(user)), CancellationToken);
            await notices.PasswordResetAsync(this, user, CancellationToken);
            await failures.ResetAsync(await GetUserIdAsync(user), CancellationToken);
        }

        return result;
    }
}
