namespace IdentityTfa.Configuration;

/// <summary>The second-factor method a new account starts with.</summary>
public enum NewAccountMethod
{
    /// <summary>Two-factor sign-in stays off until the user turns it on.</summary>
    None = 0,

    /// <summary>Text messages, when the account registers with a verified phone.</summary>
    Sms = 1,

    /// <summary>Email, to the address the account confirms.</summary>
    Email = 2,
}
