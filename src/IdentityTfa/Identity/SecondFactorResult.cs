using IdentityTfa.Challenges;

namespace IdentityTfa.Identity;

/// <summary>
/// What became of a second step of a sign-in, for the verify screen, the recovery-code page and the token API to put
/// in words. These are answers for the user, not errors.
/// </summary>
internal abstract record SecondFactorResult
{
    private SecondFactorResult()
    {
    }

    /// <summary>The step was right; the user is signed in.</summary>
    public sealed record Succeeded : SecondFactorResult;

    /// <summary>The account is locked, before the step or by its failure, until <paramref name="Until"/>.</summary>
    public sealed record LockedOut(DateTimeOffset? Until) : SecondFactorResult;

    /// <summary>The account reached the cap of second-factor failures: only a password reset by email lifts it.</summary>
    public sealed record Stopped : SecondFactorResult;

    /// <summary>The account may not sign in (an unconfirmed account, when the site requires confirmation).</summary>
    public sealed record NotAllowed : SecondFactorResult;

    /// <summary>The code was refused; <paramref name="Reason"/> says why when a code (not a recovery code) was checked.</summary>
    public sealed record Refused(VerifyResult? Reason) : SecondFactorResult;
}
