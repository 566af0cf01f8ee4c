using IdentityTfa.Codes;

namespace IdentityTfa.UnitTests.Codes;

public class CodeHasherTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Salt = new byte[16];

    [Fact]
    public void The_same_code_hashes_differently_for_another_user_purpose_salt_or_key()
    {
        var original = CodeHasher.Hash(Key, Salt, "user-1", "TwoFactor", "123456");

        Assert.Equal(original, CodeHasher.Hash(Key, Salt, "user-1", "TwoFactor", "123456"));
        Assert.NotEqual(original, CodeHasher.Hash(Key, Salt, "user-2", "TwoFactor", "123456"));
        Assert.NotEqual(original, CodeHasher.Hash(Key, Salt, "user-1", "ChangePhoneNumber:+15551234567", "123456"));
        Assert.NotEqual(original, CodeHasher.Hash(Key, [1, .. Salt[1..]], "user-1", "TwoFactor", "123456"));
        Assert.NotEqual(original, CodeHasher.Hash([9, .. Key[1..]], Salt, "user-1", "TwoFactor", "123456"));
    }

    [Fact]
    public void Fields_cannot_be_shifted_into_each_other()
    {
        Assert.NotEqual(
            CodeHasher.Hash(Key, Salt, "ab", "c", "123456"),
            CodeHasher.Hash(Key, Salt, "a", "bc", "123456"));
    }

    [Fact]
    public void The_hash_is_a_32_byte_hmac_that_does_not_contain_the_code()
    {
        var hash = CodeHasher.Hash(Key, Salt, "user-1", "TwoFactor", "ABCDEFGH");

        Assert.Equal(32, hash.Length);
        Assert.DoesNotContain("ABCDEFGH", System.Text.Encoding.ASCII.GetString(hash), StringComparison.Ordinal);
    }
}
