using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using IdentityTfa.Sending;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Passkeys;

/// <summary>
/// A passkey as the second step of a sign-in (the verify screen's "Use a passkey"): the request options name the
/// passkeys of the user in the two-factor cookie only, the answer must be one of that user's passkeys, and the sign-in
/// then completes through Identity's two-factor sign-in, so lockout, the cumulative cap, "trust this device" and the
/// session's method claim (<c>Passkey</c>) work as for a code, and a refused passkey counts as a wrong code does.
/// </summary>
internal sealed class PasskeySecondStep<TUser>(
    SignInManager<TUser> signIn,
    IPasskeyHandler<TUser> handler,
    PasskeyCeremonies ceremonies,
    PasskeyProof proof,
    ITwoFactorCodeSender<TUser> channels,
    IAuditLog audit,
    ILogger<PasskeySecondStep<TUser>> logger)
    where TUser : class
{
    // A WebAuthn answer is a few kilobytes; anything far larger is not one.
    private const int MaxCredentialLength = 64 * 1024;

    private UserManager<TUser> Users => signIn.UserManager;

    /// <summary>The WebAuthn request options (JSON) for the partially signed-in user's passkeys; null when there is no such user or passkey.</summary>
    public async Task<string?> MakeRequestOptionsAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user
            || !await OffersPasskeyAsync(user))
        {
            return null;
        }

        var options = await handler.MakeRequestOptionsAsync(user, signIn.Context);
        ceremonies.Begin(signIn.Context, PasskeyCeremonyKinds.SecondStep, await Users.GetUserIdAsync(user), options.AssertionState);
        return options.RequestOptionsJson;
    }

    /// <summary>Checks the browser's answer and, when it is a passkey of the partially signed-in user, completes the sign-in.</summary>
    public async Task<SignInResult> SignInAsync(string? credentialJson, bool isPersistent, bool rememberClient)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInResult.Failed;
        }

        var userId = await Users.GetUserIdAsync(user);
        var token = await CheckAsync(user, userId, credentialJson);

        // Right or refused, the answer goes through Identity's two-factor sign-in: a refused passkey is a wrong "code".
        var result = await signIn.TwoFactorSignInAsync(TwoFactorProviderNames.Passkey, token ?? string.Empty, isPersistent, rememberClient);
        if (result.Succeeded)
        {
            TwoFactorLog.PasskeySignedIn(logger);
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyUsed, userId) { Channel = nameof(DeliveryChannel.Passkey), Detail = "signed in with passkey" });
        }

        return result;
    }

    /// <summary>The WebAuthn request options (JSON) for a signed-in user's passkeys on the step-up page; null when the user has none.</summary>
    public async Task<string?> MakeStepUpOptionsAsync(TUser user)
    {
        if (!await OffersPasskeyAsync(user))
        {
            return null;
        }

        var options = await handler.MakeRequestOptionsAsync(user, signIn.Context);
        ceremonies.Begin(signIn.Context, PasskeyCeremonyKinds.StepUp, await Users.GetUserIdAsync(user), options.AssertionState);
        return options.RequestOptionsJson;
    }

    /// <summary>
    /// Checks a signed-in user's passkey on the step-up page, through the user manager's check of a second factor (so a
    /// refused one counts toward the cumulative cap); true when it is one of the user's passkeys. The caller records
    /// the lockout count and refreshes the session, as for a code.
    /// </summary>
    public async Task<bool> StepUpAsync(TUser user, string? credentialJson)
    {
        var userId = await Users.GetUserIdAsync(user);
        var token = await CheckAsync(user, userId, credentialJson, PasskeyCeremonyKinds.StepUp);
        var right = await Users.VerifyTwoFactorTokenAsync(user, TwoFactorProviderNames.Passkey, token ?? string.Empty);
        if (right)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyUsed, userId) { Channel = nameof(DeliveryChannel.Passkey), Detail = "step-up" });
        }

        return right;
    }

    private async Task<string?> CheckAsync(TUser user, string userId, string? credentialJson, string kind = PasskeyCeremonyKinds.SecondStep)
    {
        var ceremony = ceremonies.Take(signIn.Context, kind, userId);
        if (!await OffersPasskeyAsync(user))
        {
            return await RefuseAsync(userId, "passkeys are not a sign-in method of this account");
        }

        if (ceremony is null || string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > MaxCredentialLength)
        {
            return await RefuseAsync(userId, ceremony is null ? "no passkey request waiting" : "no answer from the browser");
        }

        var (assertion, refusal) = await PasskeyAssertion.PerformAsync(handler, credentialJson, ceremony.State, signIn.Context, logger);
        if (assertion is not { Succeeded: true })
        {
            return await RefuseAsync(userId, refusal!);
        }

        // The handler was told the user, so it refuses another's passkey; checked again here, as this is the whole point.
        if (await Users.GetUserIdAsync(assertion.User) != userId)
        {
            return await RefuseAsync(userId, "another account's passkey");
        }

        // The new signature count and backup state, as Identity's own passkey sign-in stores them.
        await Users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        return proof.Issue(userId);
    }

    /// <summary>
    /// Whether a passkey is one of the user's sign-in channels now: the method enabled, a passkey stored, and the site
    /// policy allowing it. A stored passkey alone is not enough: one left from before a reset, or one the policy now
    /// forbids, must not pass the second step.
    /// </summary>
    private async Task<bool> OffersPasskeyAsync(TUser user) =>
        Users.SupportsUserPasskey
        && (await channels.GetSignInChannelsAsync(user, signIn.Context.RequestAborted)).Any(c => c.Channel == DeliveryChannel.Passkey);

    private async Task<string?> RefuseAsync(string userId, string reason)
    {
        TwoFactorLog.PasskeyRefused(logger, reason);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyRefused, userId) { Channel = nameof(DeliveryChannel.Passkey), Detail = reason });
        return null;
    }
}
