using IdentityTfa.Audit;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityTfa.RecoveryCodes;

/// <summary>
/// Identity's <see cref="UserManager{TUser}"/> with recovery codes kept as keyed hashes in IdentityTfa's table,
/// instead of in clear in the user tokens table. Every other behaviour is Identity's own, so
/// <c>SignInManager.TwoFactorRecoveryCodeSignInAsync</c> works unchanged.
/// </summary>
internal sealed class TfaUserManager<TUser>(
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
    IAuditLog audit)
    : UserManager<TUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
    where TUser : class
{
    public override bool SupportsUserTwoFactorRecoveryCodes => true;

    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(TUser user, int number)
    {
        ThrowIfDisposed();
        var userId = await GetUserIdAsync(user);
        var codes = await recoveryCodes.ReplaceAsync(userId, number, CancellationToken);
        IdentityTfaLog.RecoveryCodesGenerated(Logger, codes.Count);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodesGenerated, userId) { Detail = $"{codes.Count} codes" }, CancellationToken);
        return codes;
    }

    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(TUser user, string code)
    {
        ThrowIfDisposed();
        var userId = await GetUserIdAsync(user);
        if (await recoveryCodes.RedeemAsync(userId, code, CancellationToken))
        {
            var left = await recoveryCodes.CountLeftAsync(userId, CancellationToken);
            IdentityTfaLog.RecoveryCodeUsed(Logger, left);
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.RecoveryCodeUsed, userId) { Detail = $"{left} left" }, CancellationToken);
            return IdentityResult.Success;
        }

        IdentityTfaLog.RecoveryCodeRefused(Logger);
        // Identity's describer is handed the code; this error must not carry it anywhere.
        return IdentityResult.Failed(new IdentityError { Code = nameof(IdentityErrorDescriber.RecoveryCodeRedemptionFailed), Description = "That recovery code is not valid or was already used." });
    }

    public override async Task<int> CountRecoveryCodesAsync(TUser user)
    {
        ThrowIfDisposed();
        return await recoveryCodes.CountLeftAsync(await GetUserIdAsync(user), CancellationToken);
    }
}
