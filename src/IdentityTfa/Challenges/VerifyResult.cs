namespace IdentityTfa.Challenges;

/// <summary>What became of a code a user entered. These are answers for the user, not errors.</summary>
internal abstract record VerifyResult
{
    private VerifyResult()
    {
    }

    /// <summary>The code was right and is now used up.</summary>
    public sealed record Verified : VerifyResult;

    /// <summary>The code was wrong; the user may try <paramref name="AttemptsLeft"/> more times.</summary>
    public sealed record WrongCode(int AttemptsLeft) : VerifyResult;

    /// <summary>The code's lifetime is over; a new one must be sent.</summary>
    public sealed record Expired : VerifyResult;

    /// <summary>Too many codes were entered; a new one must be sent.</summary>
    public sealed record AttemptsExhausted : VerifyResult;

    /// <summary>Codes were entered faster than the verify rate allows; the code itself is untouched.</summary>
    public sealed record TooFast : VerifyResult;

    /// <summary>No code is waiting: none was sent, it was used, or a newer one replaced it.</summary>
    public sealed record NoActiveCode : VerifyResult;
}
