using IdentityTfa.Codes;

namespace IdentityTfa.Configuration;

/// <summary>Settings of IdentityTfa, bound from the <c>IdentityTfa</c> configuration section.</summary>
public class TwoFactorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "IdentityTfa";

    /// <summary>The name shown in messages (<c>{company}</c>) and on the verify screen.</summary>
    public string CompanyName { get; set; } = "IdentityTfa Shop";

    /// <summary>When true, a sign-in code goes to every method the user has turned on at once, not only the chosen one.</summary>
    public bool SendToEveryChannel { get; set; }

    /// <summary>
    /// Base64 key (at least 32 bytes) for the keyed hash of codes. When empty, a key is generated once and kept in the
    /// database, encrypted with Data Protection. Set it to keep the key out of the database.
    /// </summary>
    public string? CodeHashKey { get; set; }

    /// <summary>Region (ISO 3166 two letters) assumed for phone numbers typed without a country code. Default <c>US</c>.</summary>
    public string DefaultPhoneRegion { get; set; } = "US";

    /// <summary>When set, sign-in text messages end with the WebOTP line <c>@host #code</c>, so phones can offer the code to this host's page.</summary>
    public string? WebOtpHost { get; set; }

    /// <summary>When a sign-in code cannot be sent by text message or voice call, send it to the user's confirmed email instead. Default true.</summary>
    public bool FailoverToEmail { get; set; } = true;

    /// <summary>Comma-separated roles of staff, who keep two-factor sign-in when the site does not let customers use it. Default <c>Admin</c>.</summary>
    public string StaffRoles { get; set; } = "Admin";

    /// <summary>How long "Trust this device" skips the code in that browser. Default 30 days.</summary>
    public TimeSpan TrustedDeviceLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the link mailed to the old address undoes an email change. Default 7 days.</summary>
    public TimeSpan EmailChangeUndoLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long after an email change security notices also go to the address before it. Default 1 hour.</summary>
    public TimeSpan NoticeCopyToPreviousEmail { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How recently the second factor (or, for an account without one, the password) must have been entered to change
    /// the password, email, phone, methods or recovery codes, or to turn two-factor sign-in off. Default 10 minutes.
    /// </summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The method new accounts start with; it affects only accounts created after it is set. Default none.</summary>
    public NewAccountMethod NewAccountMethod { get; set; } = NewAccountMethod.None;

    /// <summary>Sends from one IP address, of every purpose, in <c>count/period</c> notation. Default <c>30/1h</c>.</summary>
    public string SendsPerIp { get; set; } = "30/1h";

    /// <summary>
    /// Codes one account may enter for one purpose (signing in, proving a phone number or an address), over every code
    /// it is sent, in <c>count/period</c> notation (the seeds' verifyPinLimit). Default <c>10/1m</c>.
    /// </summary>
    public string VerifyRate { get; set; } = "10/1m";

    /// <summary>How long audit rows are kept. Default 365 days.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often expired challenges, devices, limit windows and old audit rows are deleted. Default 1 hour.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The absolute http(s) address the app is reached at (its root, for example <c>https://shop.example.com/</c>); every
    /// link in mail is built from it, never from the request's Host header, which the sender of a request chooses.
    /// Required in Production; elsewhere, when empty, links use the request's address (filtered by <c>AllowedHosts</c>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Requests per client address and per account to the sign-in, registration and account-mail steps and the token API.</summary>
    public Limits.RequestLimitOptions RequestLimits { get; set; } = new();

    /// <summary>
    /// Consecutive failed second-factor attempts (codes and recovery codes, across lockouts) after which an account can
    /// no longer sign in with a second factor until its password is reset by email. Default 100 (NIST SP 800-63B-4 §3.2.2).
    /// </summary>
    public int SecondFactorFailureCap { get; set; } = 100;

    /// <summary>Authenticator-app codes: time step and allowed clock skew.</summary>
    public Authenticator.AuthenticatorOptions Authenticator { get; set; } = new();

    /// <summary>The code policy of each purpose.</summary>
    public CodePolicies Policies { get; set; } = new();
}
