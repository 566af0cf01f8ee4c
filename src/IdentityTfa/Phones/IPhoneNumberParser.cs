namespace IdentityTfa.Phones;

/// <summary>Understands phone numbers in any common format and gives them in E.164 form.</summary>
public interface IPhoneNumberParser
{
    /// <summary>Parses a number for receiving text messages; numbers without a country code are read in the configured default region.</summary>
    PhoneParseResult ParseForTextMessages(string? input);
}
