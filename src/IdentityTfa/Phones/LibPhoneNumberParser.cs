using IdentityTfa.Configuration;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace IdentityTfa.Phones;

/// <summary>Phone parsing by libphonenumber, Google's own rules for every numbering plan.</summary>
internal sealed class LibPhoneNumberParser(IOptionsMonitor<TwoFactorOptions> options) : IPhoneNumberParser
{
    private const int MaxInputLength = 40;
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public PhoneParseResult Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new PhoneParseResult(null, "Enter a phone number.");
        }

        if (input.Length > MaxInputLength)
        {
            return new PhoneParseResult(null, "That is too long for a phone number.");
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(input.Trim(), options.CurrentValue.DefaultPhoneRegion);
        }
        catch (NumberParseException)
        {
            return new PhoneParseResult(null, "That does not look like a phone number. Include the country code, for example +1 555 123 4567.");
        }

        if (!Util.IsValidNumber(number))
        {
            return new PhoneParseResult(null, "That phone number is not valid. Check the digits and the country code.");
        }

        var kind = Util.GetNumberType(number) switch
        {
            PhoneNumberType.MOBILE => PhoneLineKind.Mobile,
            PhoneNumberType.FIXED_LINE_OR_MOBILE => PhoneLineKind.FixedLineOrMobile,
            PhoneNumberType.FIXED_LINE => PhoneLineKind.FixedLine,
            _ => (PhoneLineKind?)null,
        };
        if (kind is null)
        {
            return new PhoneParseResult(null, "That number cannot receive our codes (it is a premium, shared-cost, pager or similar number). Enter a mobile number or a landline.");
        }

        return new PhoneParseResult(Util.Format(number, PhoneNumberFormat.E164), null, kind.Value);
    }
}
