using IdentityTfa.Configuration;
using IdentityTfa.Phones;
using Microsoft.Extensions.Options;

namespace IdentityTfa.UnitTests.Phones;

public class LibPhoneNumberParserTests
{
    private static LibPhoneNumberParser Parser(string region = "US") =>
        new(new StaticOptionsMonitor(new TwoFactorOptions { DefaultPhoneRegion = region }));

    [Theory]
    [InlineData("US", "(650) 253-0000", Phone)]
    [InlineData("US", "+1 650 253 0000", Phone)]
    [InlineData("GB", "07911 123456", "+447911123456")]
    [InlineData("US", "+44 7911 123456", "+447911123456")]
    public void Common_formats_become_E164(string region, string typed, string expected)
    {
        var result = Parser(region).Parse(typed);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(expected, result.E164);
    }

    [Theory]
    [InlineData("", "Enter a phone number.")]
    [InlineData("hello", "does not look like a phone number")]
    [InlineData("+1 123", "not valid")]
    [InlineData("+1 650 253 0000 0000 0000 0000 0000 0000 0000 0000", "too long")]
    public void Bad_numbers_get_a_plain_reason(string typed, string reason)
    {
        var result = Parser().Parse(typed);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+44 7911 123456", nameof(PhoneLineKind.Mobile), true)]
    [InlineData("+1 650 253 0000", nameof(PhoneLineKind.FixedLineOrMobile), true)]
    [InlineData("+44 20 7946 0958", nameof(PhoneLineKind.FixedLine), false)]
    public void The_kind_of_line_decides_whether_text_messages_can_reach_it(string typed, string kind, bool canReceiveText)
    {
        var result = Parser().Parse(typed);

        Assert.Equal(kind, result.Kind.ToString());
        Assert.Equal(canReceiveText, result.CanReceiveText);
    }

    [Fact]
    public void A_premium_rate_number_is_refused()
    {
        var result = Parser("GB").Parse("09065 123456");

        Assert.False(result.IsValid);
        Assert.Contains("cannot receive our codes", result.Error, StringComparison.Ordinal);
    }

    private sealed class StaticOptionsMonitor(TwoFactorOptions value) : IOptionsMonitor<TwoFactorOptions>
    {
        public TwoFactorOptions CurrentValue => value;

        public TwoFactorOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TwoFactorOptions, string?> listener) => null;
    }
}
