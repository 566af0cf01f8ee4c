namespace IdentityTfa.Limits;

/// <summary>The limits on sign-in, registration, account-mail and token API requests, per client address and per account.</summary>
/// <remarks>
/// Each in <c>count/period</c> notation; an IPv6 address is counted with its /64. Counted in the database, so the limits
/// hold across instances. Bound from <c>IdentityTfa:RequestLimits</c>.
/// </remarks>
public sealed class RequestLimitOptions
{
    /// <summary>When false, no request is counted. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Password steps (the sign-in page's posts, <c>POST /api/auth/token</c>) from one address. Default <c>50/5m</c>.</summary>
    public string PasswordPerAddress { get; set; } = "50/5m";

    /// <summary>Password steps for one email. Default <c>10/5m</c>.</summary>
    public string PasswordPerAccount { get; set; } = "10/5m";

    /// <summary>Registration posts (page and API) from one address. Default <c>20/1h</c>.</summary>
    public string RegistrationPerAddress { get; set; } = "20/1h";

    /// <summary>Registration posts for one email. Default <c>10/1h</c>.</summary>
    public string RegistrationPerAccount { get; set; } = "10/1h";

    /// <summary>Forgot-password and resend-confirmation posts from one address. Default <c>20/1h</c>.</summary>
    public string AccountMailPerAddress { get; set; } = "20/1h";

    /// <summary>Forgot-password and resend-confirmation posts for one email. Default <c>5/1h</c>.</summary>
    public string AccountMailPerAccount { get; set; } = "5/1h";

    /// <summary>Recovery-code sign-in posts from one address. Default <c>30/15m</c>.</summary>
    public string RecoveryCodePerAddress { get; set; } = "30/15m";

    /// <summary>Recovery-code sign-in posts for one account. Default <c>10/15m</c>.</summary>
    public string RecoveryCodePerAccount { get; set; } = "10/15m";

    /// <summary>Every other token API request from one address. Default <c>300/5m</c>.</summary>
    public string ApiPerAddress { get; set; } = "300/5m";

    /// <summary>Every other token API request naming one email. Default <c>30/5m</c>.</summary>
    public string ApiPerAccount { get; set; } = "30/5m";

    /// <summary>Each limit with its configuration name.</summary>
    internal IEnumerable<(string Name, string Value)> All() =>
    [
        (nameof(PasswordPerAddress), PasswordPerAddress), (nameof(PasswordPerAccount), PasswordPerAccount),
        (nameof(RegistrationPerAddress), RegistrationPerAddress), (nameof(RegistrationPerAccount), RegistrationPerAccount),
        (nameof(AccountMailPerAddress), AccountMailPerAddress), (nameof(AccountMailPerAccount), AccountMailPerAccount),
        (nameof(RecoveryCodePerAddress), RecoveryCodePerAddress), (nameof(RecoveryCodePerAccount), RecoveryCodePerAccount),
        (nameof(ApiPerAddress), ApiPerAddress), (nameof(ApiPerAccount), ApiPerAccount),
    ];
}
