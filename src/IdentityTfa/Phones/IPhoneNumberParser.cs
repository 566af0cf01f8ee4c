namespace IdentityTfa.Phones;

/// <summary>Understands phone numbers in any common format and gives them in E.164 form.</summary>
internal interface IPhoneNumberParser
{
    /// <summary>
    /// Parses a number that codes can reach (mobile, or a landline for voice calls); numbers without a country code
    /// are read in the configured default region.
    /// </summary>
    PhoneParseResult Parse(string? input);
}
