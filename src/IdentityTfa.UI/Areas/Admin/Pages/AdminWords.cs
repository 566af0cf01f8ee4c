using IdentityTfa.Audit;
using IdentityTfa.Codes;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>
/// The phrase an admin reads for each of the library's names (channels, code types, event types). Each phrase is a
/// key of <see cref="Text.AdminText"/>, so a page shows it through its localizer; the names themselves stay the data.
/// </summary>
internal static class AdminWords
{
    private static readonly Dictionary<string, string> Events = new(StringComparer.Ordinal)
    {
        [AuditEventTypes.CodeSent] = "Code sent",
        [AuditEventTypes.CodeFailedOver] = "Code not delivered, another way tried",
        [AuditEventTypes.CodeRefused] = "Code refused by a limit",
        [AuditEventTypes.CodeNotSent] = "Code could not be sent",
        [AuditEventTypes.DeliveryStatus] = "Delivery report",
        [AuditEventTypes.CodeVerified] = "Code verified",
        [AuditEventTypes.CodeRejected] = "Code rejected",
        [AuditEventTypes.AttemptsExhausted] = "Attempts used up",
        [AuditEventTypes.LockedOut] = "Locked out",
        [AuditEventTypes.SignedIn] = "Signed in",
        [AuditEventTypes.MethodEnabled] = "Method turned on",
        [AuditEventTypes.MethodRemoved] = "Method removed",
        [AuditEventTypes.MethodPreferred] = "Preferred method changed",
        [AuditEventTypes.TwoFactorEnabled] = "Two-factor sign-in turned on",
        [AuditEventTypes.TwoFactorDisabled] = "Two-factor sign-in turned off",
        [AuditEventTypes.DeviceTrusted] = "Browser trusted",
        [AuditEventTypes.DeviceRevoked] = "Trusted browser revoked",
        [AuditEventTypes.RecoveryCodeUsed] = "Recovery code used",
        [AuditEventTypes.RecoveryCodesGenerated] = "New recovery codes made",
        [AuditEventTypes.AdminAction] = "Changed by an admin",
        [AuditEventTypes.PolicyChanged] = "Site policy changed",
        [AuditEventTypes.TestMessage] = "Test message sent",
        [AuditEventTypes.NumberLookup] = "Phone number looked up",
        [AuditEventTypes.PasswordChanged] = "Password changed",
        [AuditEventTypes.PasswordReset] = "Password reset by email",
        [AuditEventTypes.EmailChanged] = "Email address changed",
        [AuditEventTypes.EmailChangeUndone] = "Email change undone",
        [AuditEventTypes.RecoveryCodeRefused] = "Recovery code refused",
        [AuditEventTypes.SecondFactorStopped] = "Second-factor sign-in stopped",
        [AuditEventTypes.PasskeyAdded] = "Passkey added",
        [AuditEventTypes.PasskeyRenamed] = "Passkey renamed",
        [AuditEventTypes.PasskeyRemoved] = "Passkey removed",
        [AuditEventTypes.PasskeyUsed] = "Signed in with a passkey",
        [AuditEventTypes.PasskeyRefused] = "Passkey refused",
    };

    private static readonly Dictionary<string, string> LookupDecisions = new(StringComparer.Ordinal)
    {
        ["send"] = "Sent as asked",
        ["call: landline"] = "Called instead (a landline)",
        ["sim swap: by email"] = "Sent by email instead (SIM recently swapped)",
        ["refused: sim swap"] = "Refused (SIM recently swapped)",
        ["refused: pumping risk"] = "Refused (SMS pumping risk)",
        ["refused: line type"] = "Refused (line type not allowed)",
    };

    /// <summary>The phrase for a number lookup's decision; an unknown one is shown as it is stored.</summary>
    public static string LookupDecisionPhrase(string decision) => LookupDecisions.GetValueOrDefault(decision, decision);

    /// <summary>The phrase for an audit event type; an unknown type (a newer library's) is shown as it is stored.</summary>
    public static string EventPhrase(string type) => Events.GetValueOrDefault(type, type);

    /// <summary>Whether every type the library records has a phrase (a test keeps them in step).</summary>
    public static bool HasPhrase(string type) => Events.ContainsKey(type);

    /// <summary>The phrase for a way of getting codes.</summary>
    public static string MethodPhrase(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => "Text message",
        DeliveryChannel.Voice => "Voice call",
        DeliveryChannel.Authenticator => "Authenticator app",
        DeliveryChannel.Passkey => "Passkey",
        _ => "Email",
    };

    /// <summary>The phrase for a channel as the audit log stores it (its enum name), or the stored value when it is no channel.</summary>
    public static string MethodPhrase(string? channel) =>
        Enum.TryParse<DeliveryChannel>(channel, out var parsed) && Enum.IsDefined(parsed) ? MethodPhrase(parsed) : channel ?? string.Empty;

    /// <summary>The phrase for the method a new account starts with.</summary>
    public static string NewAccountMethodPhrase(NewAccountMethod method) => method switch
    {
        NewAccountMethod.Sms => "Text message",
        NewAccountMethod.Email => "Email",
        _ => "None",
    };

    /// <summary>The phrase for the characters a code is drawn from.</summary>
    public static string CodeTypePhrase(CodeType type) => type switch
    {
        CodeType.Numeric => "Digits (0-9)",
        CodeType.Alpha => "Letters",
        CodeType.Hex => "Hexadecimal",
        _ => "Letters and digits",
    };

    /// <summary>The code purposes the policy form edits, with the heading of each group.</summary>
    public static IReadOnlyList<(string Name, string Heading)> Purposes { get; } =
        [("SignIn", "Sign-in"), ("PhoneVerification", "Phone verification"), ("EmailVerification", "Email verification")];

    /// <summary>The languages a message template may be given in, with their names.</summary>
    public static IReadOnlyList<(string Code, string Name)> Languages { get; } = [("en", "English"), ("es", "Spanish"), ("de", "German")];
}
