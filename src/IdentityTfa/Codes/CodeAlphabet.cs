namespace IdentityTfa.Codes;

/// <summary>The alphabet of each <see cref="CodeType"/>, and how typed input is made comparable with it.</summary>
internal static class CodeAlphabet
{
    public const string Numeric = "0123456789";
    public const string Alpha = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const string Hex = "0123456789ABCDEF";
    public const string Alphanumeric = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string For(CodeType type) => type switch
    {
        CodeType.Numeric => Numeric,
        CodeType.Alpha => Alpha,
        CodeType.Hex => Hex,
        CodeType.Alphanumeric => Alphanumeric,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown code type."),
    };

    /// <summary>
    /// Drops the spaces and dashes people type or paste around a code and upper-cases it, so
    /// "123 456" and "ab-cd" compare with what was sent. Anything else is left for the comparison to refuse.
    /// </summary>
    public static string NormalizeInput(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        Span<char> buffer = input.Length <= 64 ? stackalloc char[input.Length] : new char[input.Length];
        var length = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '\t' or '\u00A0')
            {
                continue;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        return new string(buffer[..length]);
    }
}
