using IdentityTfa.Delivery;
using Microsoft.Extensions.Caching.Memory;

namespace IdentityTfa.Challenges;

/// <summary>
/// What this instance knows, without asking the database, of each code it issued that may still be waiting: the fixed
/// part of the challenge's row, enough to check a code against it. The verify step on the instance that sent the code
/// then goes straight to the guarded UPDATE that counts the attempt. An entry can grow stale (another instance sent a
/// newer code, or took the last attempt), but the UPDATE is guarded by the row's state in the database, so a stale
/// entry can only make it miss; the store then forgets the entry and asks the database.
/// </summary>
internal sealed class WaitingCodes : IDisposable
{
    /// <summary>
    /// Entries kept at most. When full, the cache makes room by dropping the least recently used (a new code may go
    /// unkept meanwhile); a code not kept is checked against the database, as on another instance.
    /// </summary>
    public const int Capacity = 100_000;

    private readonly MemoryCache _codes = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>Keeps <paramref name="code"/> as the one waiting for this user and purpose, for the rest of its lifetime.</summary>
    public void Remember(string userId, string purpose, WaitingCode code, DateTime utcNow)
    {
        var lifetime = code.ExpiresAt - utcNow;
        if (lifetime <= TimeSpan.Zero)
        {
            Forget(userId, purpose);
            return;
        }

        // Kept for the code's lifetime left at most, by the cache's own clock; the store checks expiry by its TimeProvider.
        _codes.Set(new Key(userId, purpose), code, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    public WaitingCode? Recall(string userId, string purpose) => _codes.Get<WaitingCode>(new Key(userId, purpose));

    /// <summary>Replaces the entry of this challenge by <paramref name="changed"/>, when the entry still holds it.</summary>
    public void Change(string userId, string purpose, Guid challengeId, Func<WaitingCode, WaitingCode> changed, DateTime utcNow)
    {
        if (Holding(userId, purpose, challengeId) is { } known)
        {
            Remember(userId, purpose, changed(known), utcNow);
        }
    }

    /// <summary>The entry for this user and purpose when it is still the one for this challenge; else null.</summary>
    private WaitingCode? Holding(string userId, string purpose, Guid challengeId) =>
        Recall(userId, purpose) is { } known && known.Id == challengeId ? known : null;

    /// <summary>Forgets the entry of this user and purpose when it holds this challenge (a newer one stays).</summary>
    public void Forget(string userId, string purpose, Guid challengeId)
    {
        if (Holding(userId, purpose, challengeId) is not null)
        {
            Forget(userId, purpose);
        }
    }

    public void Forget(string userId, string purpose) => _codes.Remove(new Key(userId, purpose));

    public void Dispose() => _codes.Dispose();

    private readonly record struct Key(string UserId, string Purpose);
}

/// <summary>The fixed part of a waiting code's row: what checking a code against it needs.</summary>
internal sealed record WaitingCode(Guid Id, byte[] CodeHash, byte[] Salt, DateTime ExpiresAt, int MaxAttempts, DeliveryChannel Channel);
