using System.Security.Cryptography;

namespace IdentityTfa.Codes;

/// <summary>Draws one-time codes from the operating system's CSPRNG.</summary>
internal sealed class CodeGenerator
{
    public string Generate(CodePolicyOptions policy) =>
        RandomNumberGenerator.GetString(CodeAlphabet.For(policy.Type), policy.Length);
}
