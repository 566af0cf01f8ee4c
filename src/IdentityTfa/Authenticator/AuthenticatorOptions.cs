namespace IdentityTfa.Authenticator;

/// <summary>Settings of authenticator-app codes (TOTP, RFC 6238), bound from <c>IdentityTfa:Authenticator</c>.</summary>
public class AuthenticatorOptions
{
    /// <summary>How long one code lasts: the TOTP time step. Default 30 seconds, what the common apps use.</summary>
    public TimeSpan TimeStep { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many steps before and after the current one a code may be from, for clocks that drift. Default 1.</summary>
    public int AllowedSkewSteps { get; set; } = 1;

    /// <summary>The issuer name an app shows beside the account; empty for the company name.</summary>
    public string? Issuer { get; set; }
}
