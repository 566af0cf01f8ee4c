namespace IdentityTfa.Codes;

/// <summary>The characters a one-time code is drawn from.</summary>
public enum CodeType
{
    /// <summary>Digits 0-9.</summary>
    Numeric,

    /// <summary>Upper-case letters without the look-alikes I and O.</summary>
    Alpha,

    /// <summary>Digits and the letters A-F.</summary>
    Hex,

    /// <summary>Digits 2-9 and upper-case letters without I and O, so no character can be misread as another.</summary>
    Alphanumeric,
}
