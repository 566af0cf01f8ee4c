using System.Security.Claims;
using System.Text.Json;
using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using IdentityTfa.Policy;
using IdentityTfa.Reauthentication;
using IdentityTfa.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Passkeys;

/// <summary>How a passwordless passkey sign-in ended.</summary>
internal enum PasswordlessResult
{
    /// <summary>Signed in, as a full two-factor sign-in.</summary>
    SignedIn,

    /// <summary>No sign-in: the answer was refused, or names no passkey the site knows.</summary>
    Refused,

    /// <summary>The passkey's account is locked.</summary>
    LockedOut,

    /// <summary>The passkey's account may not sign in (its email not confirmed).</summary>
    NotAllowed,

    /// <summary>A role of the account does not count passkeys: it signs in with its password and a method of its rule.</summary>
    PasswordNeeded,
}

/// <summary>
/// Signing in with a passkey alone (a discoverable credential, no password), when the site policy's
/// <see cref="EffectiveSitePolicy.PasswordlessPasskeys"/> allows it. The ceremony's state is kept as for the second step
/// (<see cref="PasskeyCeremonies"/>, a kind of its own, one use); the answer is checked by Identity's passkey handler; the
/// passkey must be one of the account's sign-in channels now (enabled, allowed by the policy), the account's lockout is
/// honoured and a refused answer for a known passkey counts as a failed sign-in (and toward the cumulative cap); a role whose rule does not count
/// passkeys is sent to the password. The session is a full two-factor one ("amr" "mfa", method <c>Passkey</c>, both
/// times now): a passkey is something held and something known or are (the authenticator's user verification).
/// Identity's own <c>PasskeySignInAsync</c> is not used (IdentityTfa's sign-in manager refuses it).
/// </summary>
internal sealed class PasskeyPasswordless<TUser>(
    SignInManager<TUser> signIn,
    IPasskeyHandler<TUser> handler,
    PasskeyCeremonies ceremonies,
    ISitePolicyStore policies,
    ITwoFactorCodeSender<TUser> channels,
    Limits.SecondFactorFailures failures,
    Methods.LastSignInMethod<TUser> lastMethod,
    IAuditLog audit,
    ILogger<PasskeyPasswordless<TUser>> logger)
    where TUser : class
{
    // A WebAuthn answer is a few kilobytes; anything far larger is not one.
    private const int MaxCredentialLength = 64 * 1024;

    // The ceremony names no user: the browser picks the passkey.
    private const string NoUser = "";

    private UserManager<TUser> Users => signIn.UserManager;

    /// <summary>Whether the site policy lets customers sign in with a passkey alone.</summary>
    public async Task<bool> IsOfferedAsync() =>
        Users.SupportsUserPasskey && (await policies.GetAsync(signIn.Context.RequestAborted)).PasswordlessPasskeys;

    /// <summary>The WebAuthn request options (JSON) for a discoverable passkey, naming no user; null when not offered.</summary>
    public async Task<string?> MakeRequestOptionsAsync()
    {
        if (!await IsOfferedAsync())
        {
            return null;
        }

        var options = await handler.MakeRequestOptionsAsync(null, signIn.Context);
        ceremonies.Begin(signIn.Context, PasskeyCeremonyKinds.Passwordless, NoUser, options.AssertionState);
        return options.RequestOptionsJson;
    }

    /// <summary>Checks the browser's answer and, when it is a passkey the account may sign in with, signs that account in.</summary>
    public async Task<PasswordlessResult> SignInAsync(string? credentialJson, bool isPersistent)
    {
        var ceremony = ceremonies.Take(signIn.Context, PasskeyCeremonyKinds.Passwordless, NoUser);
        if (ceremony is null || string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > MaxCredentialLength)
        {
            return await RefuseAsync(null, ceremony is null ? "no passkey request waiting" : "no answer from the browser");
        }

        // The account the answer names (by its credential id), so that a refused answer counts against it.
        var named = await FindNamedAsync(credentialJson);
        if (named is not null && await Users.IsLockedOutAsync(named))
        {
            await RefuseAsync(await Users.GetUserIdAsync(named), "account locked");
            return PasswordlessResult.LockedOut;
        }

        // The cumulative cap of second-factor failures stops this way in too, until the password is reset.
        if (named is not null && await failures.IsStoppedAsync(await Users.GetUserIdAsync(named), CancellationToken.None))
        {
            await RefuseAsync(await Users.GetUserIdAsync(named), "second factor stopped");
            return PasswordlessResult.NotAllowed;
        }

        var (assertion, refusal) = await PasskeyAssertion.PerformAsync(handler, credentialJson, ceremony.State, signIn.Context, logger);
        if (assertion is not { Succeeded: true })
        {
            return await FailAsync(named, refusal!);
        }

        var user = assertion.User;
        var userId = await Users.GetUserIdAsync(user);
        if (await Users.IsLockedOutAsync(user))
        {
            await RefuseAsync(userId, "account locked");
            return PasswordlessResult.LockedOut;
        }

        // The same check as the second step: a passkey left from before a reset, or one the policy forbids, does not pass.
        if (!await signIn.IsTwoFactorEnabledAsync(user)
            || !(await channels.GetSignInChannelsAsync(user, signIn.Context.RequestAborted)).Any(c => c.Channel == DeliveryChannel.Passkey))
        {
            return await FailAsync(user, "passkeys are not a sign-in method of this account");
        }

        if (await SiteMethods.RequiredForAsync(Users, user, await policies.GetAsync(signIn.Context.RequestAborted)) is { } counted
            && !counted.Contains(DeliveryChannel.Passkey))
        {
            await RefuseAsync(userId, "the account's role does not count passkeys");
            return PasswordlessResult.PasswordNeeded;
        }

        if (!await signIn.CanSignInAsync(user))
        {
            await RefuseAsync(userId, "account may not sign in");
            return PasswordlessResult.NotAllowed;
        }

        // The new signature count and backup state, as Identity's own passkey sign-in stores them.
        await Users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        await Users.ResetAccessFailedCountAsync(user);
        await failures.ResetAsync(userId, CancellationToken.None);
        await lastMethod.RememberPasskeyAsync(user);
        TwoFactorLog.PasskeySignedIn(logger);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyUsed, userId) { Channel = nameof(DeliveryChannel.Passkey), Detail = "signed in with passkey alone (passwordless)" });

        // A full two-factor session: the sign-in manager stamps both times and writes the "signed in" audit row.
        await signIn.SignInWithClaimsAsync(user, isPersistent, [new Claim("amr", "mfa"), new Claim(TwoFactorClaimTypes.Method, nameof(DeliveryChannel.Passkey))]);
        return PasswordlessResult.SignedIn;
    }

    /// <summary>The account of the passkey the answer names, if the site knows it.</summary>
    private async Task<TUser?> FindNamedAsync(string credentialJson)
    {
        try
        {
            using var answer = JsonDocument.Parse(credentialJson);
            return answer.RootElement.ValueKind == JsonValueKind.Object
                && answer.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && Base64Url.TryDecode(id.GetString()!) is { Length: > 0 } credentialId
                ? await Users.FindByPasskeyIdAsync(credentialId)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A refused answer: it counts as a failed sign-in of the account it names, when there is one.</summary>
    private async Task<PasswordlessResult> FailAsync(TUser? user, string reason)
    {
        if (user is null)
        {
            return await RefuseAsync(null, reason);
        }

        var userId = await Users.GetUserIdAsync(user);
        await RefuseAsync(userId, reason);
        await failures.FailedAsync(userId, await Users.GetEmailAsync(user), CancellationToken.None);
        if (Users.SupportsUserLockout)
        {
            await Users.AccessFailedAsync(user);
            if (await Users.IsLockedOutAsync(user))
            {
                await audit.WriteAsync(new AuditEntry(AuditEventTypes.LockedOut, userId));
                return PasswordlessResult.LockedOut;
            }
        }

        return PasswordlessResult.Refused;
    }

    private async Task<PasswordlessResult> RefuseAsync(string? userId, string reason)
    {
        TwoFactorLog.PasskeyRefused(logger, reason);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyRefused, userId) { Channel = nameof(DeliveryChannel.Passkey), Detail = reason + " (passwordless)" });
        return PasswordlessResult.Refused;
    }

    private static class Base64Url
    {
        public static byte[]? TryDecode(string value)
        {
            try
            {
                return System.Buffers.Text.Base64Url.DecodeFromChars(value);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
