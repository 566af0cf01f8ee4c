using System.Security.Cryptography;
using System.Text;

namespace IdentityTfa.Codes;

/// <summary>
/// Keyed hash of a code bound to its challenge: HMAC-SHA256 over the challenge's salt, the user, the purpose and the code.
/// A hash taken for one user or purpose never matches another, and without the key a stolen table cannot be brute-forced offline.
/// </summary>
internal sealed class CodeHasher(CodeHashKeyProvider keyProvider)
{
    public const int SaltLength = 16;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);

    public async Task<byte[]> HashAsync(byte[] salt, string userId, string purpose, string code, CancellationToken cancellationToken)
    {
        var key = await keyProvider.GetKeyAsync(cancellationToken);
        return Hash(key, salt, userId, purpose, code);
    }

    /// <summary>Compares in constant time, so the time taken does not tell how much of a guess was right.</summary>
    public async Task<bool> MatchesAsync(byte[] expectedHash, byte[] salt, string userId, string purpose, string code, CancellationToken cancellationToken)
    {
        var actual = await HashAsync(salt, userId, purpose, code, cancellationToken);
        return CryptographicOperations.FixedTimeEquals(actual, expectedHash);
    }

    internal static byte[] Hash(byte[] key, byte[] salt, string userId, string purpose, string code)
    {
        // Length-prefixed fields, so ("ab", "c") and ("a", "bc") never hash alike.
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(salt.Length);
            writer.Write(salt);
            writer.Write(userId);
            writer.Write(purpose);
            writer.Write(code);
        }

        return HMACSHA256.HashData(key, buffer.ToArray());
    }
}
