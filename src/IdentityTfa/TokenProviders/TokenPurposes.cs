using IdentityTfa.Entities;


namespace IdentityTfa.TokenProviders;

/// <summary>Maps Identity's token purposes to IdentityTfa's policies and destinations.</summary>
internal static class TokenPurposes
{
    /// <summary>The purpose <c>UserManager.GenerateTwoFactorTokenAsync</c> uses.</summary>
    public const string TwoFactor = "TwoFactor";

    /// <summary>Prefix of the purpose <c>UserManager.GenerateChangePhoneNumberTokenAsync</c> uses; the phone number follows.</summary>
    public const string ChangePhoneNumberPrefix = "ChangePhoneNumber:";

    /// <summary>Prefix of IdentityTfa's purpose for proving an email address; the address follows.</summary>
    public const string VerifyEmailPrefix = "IdentityTfa:VerifyEmail:";

    public static string VerifyEmail(string email) => VerifyEmailPrefix + email;

    /// <summary>The policy of a purpose, and the destination it names (null when the code goes to the user's own contact).</summary>
    public static (ChallengePurpose Purpose, string? Destination) Parse(string tokenPurpose)
    {
        if (tokenPurpose == TwoFactor)
        {
            return (ChallengePurpose.SignIn, null);
        }

        if (tokenPurpose.StartsWith(ChangePhoneNumberPrefix, StringComparison.Ordinal))
        {
            return (ChallengePurpose.PhoneVerification, tokenPurpose[ChangePhoneNumberPrefix.Length..]);
        }

        if (tokenPurpose.StartsWith(VerifyEmailPrefix, StringComparison.Ordinal))
        {
            return (ChallengePurpose.EmailVerification, tokenPurpose[VerifyEmailPrefix.Length..]);
        }

        throw new NotSupportedException($"IdentityTfa token providers do not serve the token purpose '{tokenPurpose}'.");
    }
}
