using System.Buffers.Text;
using System.Text.Json;
using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Logging;
using IdentityTfa.Methods;
using IdentityTfa.Notices;
using IdentityTfa.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Passkeys;

/// <summary>
/// A user's passkeys in the settings: add (through Identity's passkey handler), list, rename and remove. Passkeys are
/// one two-factor method: the first one turns the method on (and two-factor sign-in with it, as any method does), and
/// removing the last one removes the method as removing any method does. Each change is audited and mailed to the holder.
/// </summary>
internal sealed class PasskeyManager<TUser>(
    UserManager<TUser> users,
    IPasskeyHandler<TUser> handler,
    PasskeyCeremonies ceremonies,
    ITwoFactorMethodManager<TUser> methods,
    ISitePolicyStore policies,
    SecurityNotices notices,
    IAuditLog audit,
    ILogger<PasskeyManager<TUser>> logger)
    where TUser : class
{
    /// <summary>The longest passkey name kept.</summary>
    public const int MaxNameLength = 50;

    // A WebAuthn answer is a few kilobytes; anything far larger is not one.
    private const int MaxCredentialLength = 64 * 1024;

    /// <summary>The user's passkeys, the newest first.</summary>
    public async Task<IReadOnlyList<PasskeyInfo>> ListAsync(TUser user) =>
        !users.SupportsUserPasskey
            ? []
            : (await users.GetPasskeysAsync(user))
                .OrderByDescending(p => p.CreatedAt)
                .Select(p => new PasskeyInfo(Base64Url.EncodeToString(p.CredentialId), p.Name ?? string.Empty, p.CreatedAt))
                .ToList();

    /// <summary>Whether the site policy lets this user add passkeys (and the store keeps them).</summary>
    public async Task<bool> IsAllowedAsync(TUser user, CancellationToken cancellationToken) =>
        users.SupportsUserPasskey && await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Passkey, policies, cancellationToken);

    /// <summary>The WebAuthn creation options (JSON) for a new passkey of this user; null when the policy does not allow passkeys.</summary>
    public async Task<string?> MakeCreationOptionsAsync(HttpContext http, TUser user)
    {
        if (!await IsAllowedAsync(user, http.RequestAborted))
        {
            return null;
        }

        var userId = await users.GetUserIdAsync(user);
        var name = await users.GetUserNameAsync(user) ?? userId;
        var options = await handler.MakeCreationOptionsAsync(
            new PasskeyUserEntity { Id = userId, Name = name, DisplayName = await users.GetEmailAsync(user) ?? name }, http);
        ceremonies.Begin(http, PasskeyCeremonyKinds.Add, userId, options.AttestationState);
        return options.CreationOptionsJson;
    }

    /// <summary>Checks the browser's new credential against the waiting request and stores it under <paramref name="name"/>.</summary>
    public async Task<PasskeyAddResult> AddAsync(HttpContext http, TUser user, string name, string? credentialJson)
    {
        var cancellationToken = http.RequestAborted;
        var userId = await users.GetUserIdAsync(user);
        if (!await IsAllowedAsync(user, cancellationToken))
        {
            return PasskeyAddResult.NotAllowed;
        }

        var ceremony = ceremonies.Take(http, PasskeyCeremonyKinds.Add, userId);
        if (ceremony is null)
        {
            return PasskeyAddResult.NoRequest;
        }

        if (string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > MaxCredentialLength)
        {
            return PasskeyAddResult.Refused;
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await handler.PerformAttestationAsync(new PasskeyAttestationContext
            {
                CredentialJson = credentialJson,
                AttestationState = ceremony.State,
                HttpContext = http,
            });
        }
        catch (Exception e) when (e is PasskeyException or JsonException or FormatException)
        {
            TwoFactorLog.PasskeyRefused(logger, "malformed new passkey");
            return PasskeyAddResult.Refused;
        }

        if (!attestation.Succeeded || attestation.UserEntity.Id != userId)
        {
            TwoFactorLog.PasskeyRefused(logger, $"new passkey refused ({attestation.Failure?.Message ?? "another account"})");
            return PasskeyAddResult.Refused;
        }

        attestation.Passkey.Name = Trim(name);
        if (!(await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey)).Succeeded)
        {
            return PasskeyAddResult.Refused;
        }

        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyAdded, userId) { Channel = nameof(DeliveryChannel.Passkey), Detail = $"\"{attestation.Passkey.Name}\"" }, cancellationToken);
        await methods.EnablePasskeysAsync(user, cancellationToken);
        await notices.PasskeyAddedAsync(users, user, attestation.Passkey.Name, cancellationToken);
        TwoFactorLog.PasskeyAdded(logger);
        return PasskeyAddResult.Added;
    }

    /// <summary>Gives one of the user's passkeys a new name; false when the user has no such passkey.</summary>
    public async Task<bool> RenameAsync(TUser user, string id, string name, CancellationToken cancellationToken)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return false;
        }

        var before = passkey.Name;
        passkey.Name = Trim(name);
        if (!(await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
        {
            return false;
        }

        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyRenamed, await users.GetUserIdAsync(user))
        {
            Channel = nameof(DeliveryChannel.Passkey),
            Detail = $"\"{before}\" -> \"{passkey.Name}\"",
        }, cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes one of the user's passkeys; the last one removes the passkey method (and two-factor sign-in when it was the
    /// last method), as removing any method does. False when the user has no such passkey.
    /// </summary>
    public async Task<bool> RemoveAsync(TUser user, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return false;
        }

        var userId = await users.GetUserIdAsync(user);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PasskeyRemoved, userId) { Channel = nameof(DeliveryChannel.Passkey), Detail = $"\"{passkey.Name}\"" }, cancellationToken);
        TwoFactorLog.PasskeyRemoved(logger);
        if ((await users.GetPasskeysAsync(user)).Count <= 1)
        {
            // The method manager removes the passkey with the method, and tells the holder as for any method.
            await methods.RemoveAsync(user, DeliveryChannel.Passkey, cancellationToken);
            return true;
        }

        await users.RemovePasskeyAsync(user, passkey.CredentialId);
        await notices.PasskeyRemovedAsync(users, user, passkey.Name, cancellationToken);
        return true;
    }

    private async Task<UserPasskeyInfo?> FindAsync(TUser user, string id)
    {
        if (!users.SupportsUserPasskey || string.IsNullOrEmpty(id) || id.Length > 2048)
        {
            return null;
        }

        byte[] credentialId;
        try
        {
            credentialId = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return null;
        }

        return await users.GetPasskeyAsync(user, credentialId);
    }

    // Control and format characters (Cc, Cf: a bell, a right-to-left override) are dropped: a name is shown and mailed.
    private static string Trim(string name)
    {
        var trimmed = string.Concat(name.Where(c => char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format))).Trim();
        return trimmed.Length > MaxNameLength ? trimmed[..MaxNameLength] : trimmed;
    }
}
