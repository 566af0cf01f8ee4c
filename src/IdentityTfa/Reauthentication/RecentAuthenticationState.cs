namespace IdentityTfa.Reauthentication;

/// <summary>Whether a principal may change how its account is protected now, and if not, what it must do first.</summary>
internal enum RecentAuthenticationState
{
    /// <summary>The second factor (or, for an account without one, the password) was entered within the window.</summary>
    Recent,

    /// <summary>The account has a second factor and it was not entered within the window: enter a code again.</summary>
    SecondFactorRequired,

    /// <summary>
    /// The site policy asks a strong method of the account (e.g. an admin's authenticator app) and this session did not
    /// enter one within the window: enter the strong method's code again (a text, call or email code is not enough).
    /// </summary>
    StrongSecondFactorRequired,

    /// <summary>The account has no second factor and the password was not entered within the window: sign in again.</summary>
    PasswordRequired,

    /// <summary>No account is signed in.</summary>
    NotSignedIn,
}
