using IdentityTfa.Codes;

namespace IdentityTfa.UnitTests.Codes;

public class CodeGeneratorTests
{
    private readonly CodeGenerator _generator = new();

    [Theory]
    [InlineData(CodeType.Numeric, 4, "0123456789")]
    [InlineData(CodeType.Numeric, 6, "0123456789")]
    [InlineData(CodeType.Alpha, 8, "ABCDEFGHJKLMNPQRSTUVWXYZ")]
    [InlineData(CodeType.Hex, 10, "0123456789ABCDEF")]
    [InlineData(CodeType.Alphanumeric, 16, "23456789ABCDEFGHJKLMNPQRSTUVWXYZ")]
    public void Each_code_type_has_the_policy_length_and_only_its_characters(CodeType type, int length, string alphabet)
    {
        var policy = new CodePolicyOptions { Type = type, Length = length };

        var codes = Enumerable.Range(0, 300).Select(_ => _generator.Generate(policy)).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(length, code.Length);
            Assert.All(code, c => Assert.Contains(c, alphabet));
        });

        // Over 300 codes every character of the alphabet turns up: the draw is not stuck on a subset.
        Assert.Equal(alphabet.OrderBy(c => c), codes.SelectMany(c => c).Distinct().OrderBy(c => c));
    }

    [Fact]
    public void Codes_do_not_repeat()
    {
        var policy = new CodePolicyOptions { Type = CodeType.Alphanumeric, Length = 10 };

        var codes = Enumerable.Range(0, 2000).Select(_ => _generator.Generate(policy)).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("ab cd", "ABCD")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Typed_codes_lose_spaces_and_dashes_and_are_upper_cased(string? typed, string expected)
    {
        Assert.Equal(expected, CodeAlphabet.NormalizeInput(typed));
    }
}
