namespace IdentityTfa.Entities;

/// <summary>What a code is for; each has its own <see cref="Codes.CodePolicyOptions"/>.</summary>
internal enum ChallengePurpose
{
    /// <summary>The second step of signing in.</summary>
    SignIn = 0,

    /// <summary>Proving a phone number belongs to the user before it is used.</summary>
    PhoneVerification = 1,

    /// <summary>Proving an email address belongs to the user before it is used.</summary>
    EmailVerification = 2,
}
