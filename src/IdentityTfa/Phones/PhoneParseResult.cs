namespace IdentityTfa.Phones;

/// <summary>A phone number as typed, understood or refused.</summary>
/// <param name="E164">The number in E.164 form (<c>+15551234567</c>) when it is valid.</param>
/// <param name="Error">Why it was refused, in plain words, when it is not.</param>
public sealed record PhoneParseResult(string? E164, string? Error)
{
    /// <summary>Whether the number can be used.</summary>
    public bool IsValid => E164 is not null;
}
