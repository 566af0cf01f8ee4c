using IdentityTfa.Configuration;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace IdentityTfa.Phones;

/// <summary>Phone parsing by libphonenumber, Google's own rules for every numbering plan.</summary>
internal sealed class LibPhoneNumberParser(IOptionsMonitor<IdentityTfaOptions> options) : IPhoneNumberParser
{
    private const int MaxInputLength = 40;
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public PhoneParseResult ParseForTextMessages(string? input)
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

        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return new PhoneParseResult(null, "That number cannot receive text messages. Enter a mobile number.");
        }

        return new PhoneParseResult(Util.Format(number, PhoneNumberFormat.E164), null);
    }
}
