namespace IdentityTfa.Configuration;

/// <summary>
/// How long a sign-in lasts, per NIST SP 800-63B-4 AAL2, bound from the <c>IdentityTfa:Sessions</c> configuration section.
/// </summary>
public class SessionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "IdentityTfa:Sessions";

    /// <summary>
    /// How long the partial sign-in (password given, code not yet) lasts, counted from the password and never extended.
    /// Default 5 minutes.
    /// </summary>
    public TimeSpan PartialSignInLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a session lasts however active it is; then the user signs in again. Default 24 hours.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a session lasts without a request; then the user signs in again. Default 1 hour.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often a session's security stamp is checked against the database, so that a password change, an email-change
    /// undo or an admin's action ends every other cookie session within this time (Identity's default is 30 minutes).
    /// Zero checks on every request. Default 1 minute.
    /// </summary>
    public TimeSpan StampCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
