namespace IdentityTfa.Challenges;

/// <summary>
/// Holds, for one request, the detailed result of the last code check. Identity's token providers may only answer
/// true or false; pages read this to tell the user why a code was refused.
/// </summary>
internal sealed class VerificationOutcome
{
    /// <summary>The last result in this request, or null when no code was checked.</summary>
    public VerifyResult? Last { get; internal set; }
}
