namespace IdentityTfa.Audit;

/// <summary>The kinds of events the audit log records.</summary>
internal static class AuditEventTypes
{
    /// <summary>A code was sent.</summary>
    public const string CodeSent = "code.sent";

    /// <summary>A code could not be sent by one way; another was tried.</summary>
    public const string CodeFailedOver = "code.failed_over";

    /// <summary>A limit refused to send a code.</summary>
    public const string CodeRefused = "code.refused";

    /// <summary>A code could not be sent at all.</summary>
    public const string CodeNotSent = "code.not_sent";

    /// <summary>A provider reported the delivery of a code.</summary>
    public const string DeliveryStatus = "code.delivery_status";

    /// <summary>A code was entered and accepted.</summary>
    public const string CodeVerified = "code.verified";

    /// <summary>A wrong, expired or missing code was entered.</summary>
    public const string CodeRejected = "code.rejected";

    /// <summary>A code's attempts are used up.</summary>
    public const string AttemptsExhausted = "code.attempts_exhausted";

    /// <summary>The account was locked out.</summary>
    public const string LockedOut = "account.locked_out";

    /// <summary>The account signed in.</summary>
    public const string SignedIn = "account.signed_in";

    /// <summary>A method was turned on.</summary>
    public const string MethodEnabled = "method.enabled";

    /// <summary>A method was turned off.</summary>
    public const string MethodRemoved = "method.removed";

    /// <summary>The preferred method changed.</summary>
    public const string MethodPreferred = "method.preferred";

    /// <summary>Two-factor sign-in was turned on.</summary>
    public const string TwoFactorEnabled = "tfa.enabled";

    /// <summary>Two-factor sign-in was turned off.</summary>
    public const string TwoFactorDisabled = "tfa.disabled";

    /// <summary>A browser was trusted.</summary>
    public const string DeviceTrusted = "device.trusted";

    /// <summary>A trusted browser was revoked.</summary>
    public const string DeviceRevoked = "device.revoked";

    /// <summary>A recovery code was used.</summary>
    public const string RecoveryCodeUsed = "recovery.used";

    /// <summary>A new set of recovery codes was made.</summary>
    public const string RecoveryCodesGenerated = "recovery.generated";

    /// <summary>An admin changed a customer's account.</summary>
    public const string AdminAction = "admin.action";

    /// <summary>An admin changed the site policy.</summary>
    public const string PolicyChanged = "policy.changed";

    /// <summary>An admin sent a test message.</summary>
    public const string TestMessage = "admin.test_message";

    /// <summary>A number lookup decided how (or whether) a code goes to a phone.</summary>
    public const string NumberLookup = "number.lookup";

    /// <summary>A recovery code was refused (wrong, already used, or the account locked or stopped).</summary>
    public const string RecoveryCodeRefused = "recovery.refused";

    /// <summary>Second-factor sign-in stopped after the cap of consecutive failures, until the password is reset.</summary>
    public const string SecondFactorStopped = "account.second_factor_stopped";

    /// <summary>The password was changed (or one was set) by the holder.</summary>
    public const string PasswordChanged = "password.changed";

    /// <summary>The password was reset with a link sent by email.</summary>
    public const string PasswordReset = "password.reset";

    /// <summary>The account's email address changed.</summary>
    public const string EmailChanged = "email.changed";

    /// <summary>An email change was undone from the link mailed to the old address.</summary>
    public const string EmailChangeUndone = "email.change_undone";

    /// <summary>A passkey was added.</summary>
    public const string PasskeyAdded = "passkey.added";

    /// <summary>A passkey was renamed.</summary>
    public const string PasskeyRenamed = "passkey.renamed";

    /// <summary>A passkey was removed.</summary>
    public const string PasskeyRemoved = "passkey.removed";

    /// <summary>A passkey was used to sign in.</summary>
    public const string PasskeyUsed = "passkey.used";

    /// <summary>A passkey answer was refused (another account's, malformed, or no request waiting).</summary>
    public const string PasskeyRefused = "passkey.refused";

    /// <summary>Every type, for filters.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        CodeSent, CodeRefused, CodeFailedOver, CodeNotSent, DeliveryStatus, CodeVerified, CodeRejected, AttemptsExhausted, LockedOut, SignedIn,
        MethodEnabled, MethodRemoved, MethodPreferred, TwoFactorEnabled, TwoFactorDisabled, DeviceTrusted, DeviceRevoked,
        RecoveryCodeUsed, RecoveryCodesGenerated, AdminAction, PolicyChanged, TestMessage, NumberLookup,
        RecoveryCodeRefused, SecondFactorStopped,
        PasswordChanged, PasswordReset, EmailChanged, EmailChangeUndone,
        PasskeyAdded, PasskeyRenamed, PasskeyRemoved, PasskeyUsed, PasskeyRefused,
    ];
}
