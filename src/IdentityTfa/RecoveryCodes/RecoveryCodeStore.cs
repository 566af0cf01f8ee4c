using System.Security.Cryptography;
using IdentityTfa.Codes;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.RecoveryCodes;

/// <summary>Recovery codes kept only as keyed hashes; each is used at most once, even by parallel requests.</summary>
internal sealed class RecoveryCodeStore(TwoFactorDbContextAccessor db, CodeHasher hasher, TimeProvider time)
{
    private const string Purpose = "RecoveryCode";
    private const string Alphabet = CodeAlphabet.Alphanumeric;

    private DbSet<RecoveryCode> Codes => db.Context.Set<RecoveryCode>();

    /// <summary>Makes a new set, ending every earlier code, and returns the codes in clear this once.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(string userId, int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var codes = NewCodes(count);

        await Codes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        foreach (var code in codes)
        {
            Codes.Add(new RecoveryCode { UserId = userId, CodeHash = await HashAsync(userId, code, cancellationToken), CreatedAt = now });
        }

        await db.Context.SaveChangesAsync(cancellationToken);
        foreach (var entry in db.Context.ChangeTracker.Entries<RecoveryCode>().ToList())
        {
            entry.State = EntityState.Detached;
        }

        return codes;
    }

    /// <summary>
    /// Codes in the form a set is made in, kept nowhere: what a registration with an email that already has an account
    /// shows, so that its answer looks like a new account's (see <see cref="Registration.TakenEmail"/>).
    /// </summary>
    internal static IReadOnlyList<string> NewCodes(int count) => Enumerable.Range(0, count)
        .Select(_ => $"{RandomNumberGenerator.GetString(Alphabet, 5)}-{RandomNumberGenerator.GetString(Alphabet, 5)}")
        .ToList();

    public async Task<bool> RedeemAsync(string userId, string? code, CancellationToken cancellationToken)
    {
        var normalized = CodeAlphabet.NormalizeInput(code);
        if (normalized.Length != 10)
        {
            return false;
        }

        var hash = await HashAsync(userId, normalized, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await Codes.Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;
    }

    public Task<int> CountLeftAsync(string userId, CancellationToken cancellationToken) =>
        Codes.CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);

    /// <summary>Whether the account has a set, used or not.</summary>
    public Task<bool> AnyAsync(string userId, CancellationToken cancellationToken) =>
        Codes.AnyAsync(c => c.UserId == userId, cancellationToken);

    /// <summary>Whether the account's set was made at or after <paramref name="since"/>.</summary>
    public Task<bool> AnyMadeSinceAsync(string userId, DateTime since, CancellationToken cancellationToken) =>
        Codes.AnyAsync(c => c.UserId == userId && c.CreatedAt >= since, cancellationToken);

    public Task RemoveAllAsync(string userId, CancellationToken cancellationToken) =>
        Codes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    // No salt: the hash must be found by lookup. The key and the user binding keep it from being precomputed.
    private Task<byte[]> HashAsync(string userId, string code, CancellationToken cancellationToken) =>
        hasher.HashAsync([], userId, Purpose, CodeAlphabet.NormalizeInput(code), cancellationToken);
}
