namespace IdentityTfa.Phones;

/// <summary>What kind of line a phone number is, as far as its numbering plan tells.</summary>
internal enum PhoneLineKind
{
    /// <summary>A mobile number: text messages and calls.</summary>
    Mobile,

    /// <summary>A number that may be mobile or fixed (as in the US): text messages are tried.</summary>
    FixedLineOrMobile,

    /// <summary>A landline: codes go by voice call.</summary>
    FixedLine,
}

/// <summary>A phone number as typed, understood or refused.</summary>
/// <param name="E164">The number in E.164 form (<c>+15551234567</c>) when it is valid.</param>
/// <param name="Error">Why it was refused, in plain words, when it is not.</param>
/// <param name="Kind">The kind of line, when it is valid.</param>
internal sealed record PhoneParseResult(string? E164, string? Error, PhoneLineKind Kind = PhoneLineKind.Mobile)
{
    /// <summary>Whether the number can be used.</summary>
    public bool IsValid => E164 is not null;

    /// <summary>Whether text messages can reach it; a landline gets voice calls instead.</summary>
    public bool CanReceiveText => IsValid && Kind != PhoneLineKind.FixedLine;
}
