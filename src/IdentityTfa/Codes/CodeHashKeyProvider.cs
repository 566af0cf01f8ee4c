using System.Security.Cryptography;
using IdentityTfa.Configuration;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Codes;

/// <summary>
/// The key of the code hash: the configured one, or else one made once and kept in the database encrypted with
/// Data Protection, so that every instance and every restart hashes alike.
/// </summary>
internal sealed class CodeHashKeyProvider(
    IOptions<TwoFactorOptions> options,
    IServiceScopeFactory scopeFactory,
    IDataProtectionProvider dataProtection)
{
    internal const string SecretName = "code-hash-key";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _key ??= string.IsNullOrEmpty(options.Value.CodeHashKey)
                ? await LoadOrCreateStoredKeyAsync(cancellationToken)
                : Convert.FromBase64String(options.Value.CodeHashKey);
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> LoadOrCreateStoredKeyAsync(CancellationToken cancellationToken)
    {
        var protector = dataProtection.CreateProtector("IdentityTfa.CodeHashKey.v1");
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TwoFactorDbContextAccessor>().Context;
        var secrets = context.Set<TwoFactorSecret>();

        var stored = await secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SecretName, cancellationToken);
        if (stored is not null)
        {
            return protector.Unprotect(Convert.FromBase64String(stored.ProtectedValue));
        }

        var key = RandomNumberGenerator.GetBytes(32);
        secrets.Add(new TwoFactorSecret { Name = SecretName, ProtectedValue = Convert.ToBase64String(protector.Protect(key)) });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return key;
        }
        catch (DbUpdateException)
        {
            // Another instance stored its key first: use that one, so both hash alike.
            context.ChangeTracker.Clear();
            var winner = await secrets.AsNoTracking().FirstAsync(s => s.Name == SecretName, cancellationToken);
            return protector.Unprotect(Convert.FromBase64String(winner.ProtectedValue));
        }
    }
}
