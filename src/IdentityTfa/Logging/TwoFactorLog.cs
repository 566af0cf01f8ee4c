using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Logging;

/// <summary>Every event IdentityTfa logs, with a stable event id. Never a code or a secret.</summary>
internal static partial class TwoFactorLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Sent a {Purpose} code by {Channel} to {MaskedDestination} through {Provider}; challenge {ChallengeId}.")]
    public static partial void CodeSent(ILogger logger, ChallengePurpose purpose, DeliveryChannel channel, string maskedDestination, string provider, Guid challengeId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not send a {Purpose} code by {Channel} through {Provider}: {Error}; challenge {ChallengeId} discarded.")]
    public static partial void DeliveryFailed(ILogger logger, ChallengePurpose purpose, DeliveryChannel channel, string provider, string error, Guid challengeId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Refused a {Purpose} code: the last one was sent {SecondsAgo} s ago.")]
    public static partial void SendTooSoon(ILogger logger, ChallengePurpose purpose, int secondsAgo);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Refused a {Purpose} code: the account is locked out until {Until}.")]
    public static partial void SendRefusedLockedOut(ILogger logger, ChallengePurpose purpose, DateTimeOffset until);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "No message provider is registered for {Channel}.")]
    public static partial void NoProvider(ILogger logger, DeliveryChannel channel);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Turned on {Channel} as a second factor.")]
    public static partial void MethodEnabled(ILogger logger, DeliveryChannel channel);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Turned two-factor sign-in off and removed every method.")]
    public static partial void TwoFactorDisabled(ILogger logger);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Removed {Channel} as a second factor; {Remaining} methods remain.")]
    public static partial void MethodRemoved(ILogger logger, DeliveryChannel channel, int remaining);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Preferred second-factor method is now {Channel}.")]
    public static partial void PreferredChanged(ILogger logger, DeliveryChannel channel);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Trusted device {DeviceId}.")]
    public static partial void DeviceTrusted(ILogger logger, Guid deviceId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Revoked trusted device {DeviceId}.")]
    public static partial void DeviceRevoked(ILogger logger, Guid deviceId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Revoked {Count} trusted devices.")]
    public static partial void AllDevicesRevoked(ILogger logger, int count);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Made a new set of {Count} recovery codes.")]
    public static partial void RecoveryCodesGenerated(ILogger logger, int count);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "A recovery code was used; {Left} left.")]
    public static partial void RecoveryCodeUsed(ILogger logger, int left);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "A recovery code was refused.")]
    public static partial void RecoveryCodeRefused(ILogger logger);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Could not send the account notice '{Subject}': {Error}")]
    public static partial void NoticeNotSent(ILogger logger, string subject, string error);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "The account's email changed; the old address was sent a link that undoes it until {Until:u}.")]
    public static partial void EmailChanged(ILogger logger, DateTimeOffset until);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "An email change was undone from the old address: sessions ended, trusted devices forgotten, password cleared.")]
    public static partial void EmailChangeReverted(ILogger logger);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Provider {Provider} could not send by {Channel}: {Detail}")]
    public static partial void ProviderFailed(ILogger logger, DeliveryChannel channel, string provider, string detail);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Could not send the {Purpose} code by {Channel}; sent it by email instead; challenge {ChallengeId}.")]
    public static partial void FailedOverToEmail(ILogger logger, ChallengePurpose purpose, DeliveryChannel channel, Guid challengeId);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Twilio refused a request to {Resource}: HTTP {Status}, error {Code}: {TwilioMessage}")]
    public static partial void TwilioRefused(ILogger logger, string resource, int status, int? code, string twilioMessage);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Twilio could not be reached for {Resource}: {Reason}")]
    public static partial void TwilioUnreachable(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Twilio reports {Sid} as {Status}.")]
    public static partial void TwilioStatus(ILogger logger, string sid, string status);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Refused a Twilio status callback whose signature does not match.")]
    public static partial void TwilioCallbackForged(ILogger logger);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "Number lookup of {MaskedDestination}: line type {LineType}, SIM swapped {SimSwappedAt}, pumping risk {PumpingRisk}; decision {Decision} ({Source}).")]
    public static partial void LookupDecided(ILogger logger, string maskedDestination, string? lineType, DateTime? simSwappedAt, int? pumpingRisk, string decision, string source);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Warning, Message = "Number lookup of {MaskedDestination} failed; sending as without it.")]
    public static partial void LookupFailed(ILogger logger, string maskedDestination);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information, Message = "Twilio's report of {Sid} as {Status} came again; it was recorded before.")]
    public static partial void TwilioStatusReplayed(ILogger logger, string sid, string status);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Purged {Count} expired rows.")]
    public static partial void Purged(ILogger logger, int count);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Purging expired rows failed; trying again at the next round.")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "The SMTP server {Host}:{Port} could not take a mail: {Reason}")]
    public static partial void SmtpFailed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 1851, Level = LogLevel.Warning, Message = "Refused a {Kind} request over its limit per {Partition}; retry after {RetryAfterSeconds} s.")]
    public static partial void RequestLimited(ILogger logger, string kind, string partition, int retryAfterSeconds);

    [LoggerMessage(EventId = 1852, Level = LogLevel.Warning, Message = "Second-factor sign-in of user {UserId} stopped after {Failures} consecutive failures, until the password is reset.")]
    public static partial void SecondFactorCapReached(ILogger logger, string userId, int failures);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "A passkey was added.")]
    public static partial void PasskeyAdded(ILogger logger);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information, Message = "A passkey was removed.")]
    public static partial void PasskeyRemoved(ILogger logger);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Information, Message = "Signed in with a passkey as the second step.")]
    public static partial void PasskeySignedIn(ILogger logger);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning, Message = "Refused a passkey: {Reason}.")]
    public static partial void PasskeyRefused(ILogger logger, string reason);
}
