using IdentityTfa.Entities;


namespace IdentityTfa.Codes;

/// <summary>The code policy of each purpose: the second sign-in step, proving a phone, proving an email address.</summary>
public class CodePolicies
{
    /// <summary>Codes of the second sign-in step.</summary>
    public CodePolicyOptions SignIn { get; set; } = new();

    /// <summary>Codes that prove a phone number.</summary>
    public CodePolicyOptions PhoneVerification { get; set; } = new();

    /// <summary>Codes that prove an email address.</summary>
    public CodePolicyOptions EmailVerification { get; set; } = new();

    /// <summary>The policy of a purpose.</summary>
    internal CodePolicyOptions For(ChallengePurpose purpose) => purpose switch
    {
        ChallengePurpose.SignIn => SignIn,
        ChallengePurpose.PhoneVerification => PhoneVerification,
        ChallengePurpose.EmailVerification => EmailVerification,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown purpose."),
    };

    internal IEnumerable<(string Name, CodePolicyOptions Policy)> All()
    {
        yield return (nameof(SignIn), SignIn);
        yield return (nameof(PhoneVerification), PhoneVerification);
        yield return (nameof(EmailVerification), EmailVerification);
    }
}
