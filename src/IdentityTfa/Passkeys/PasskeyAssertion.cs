using System.Text.Json;
using IdentityTfa.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.Passkeys;

/// <summary>Identity's passkey handler on a browser's answer, for the second step and the passwordless sign-in alike.</summary>
internal static class PasskeyAssertion
{
    /// <summary>
    /// The handler's verdict on <paramref name="credentialJson"/>: the assertion where it succeeded, else the reason to
    /// refuse it ("malformed answer" for one the handler cannot read, "assertion refused", logged, for one it refuses).
    /// </summary>
    public static async Task<(PasskeyAssertionResult<TUser>? Assertion, string? Refusal)> PerformAsync<TUser>(
        IPasskeyHandler<TUser> handler, string credentialJson, string? state, HttpContext context, ILogger logger)
        where TUser : class
    {
        PasskeyAssertionResult<TUser> assertion;
        try
        {
            assertion = await handler.PerformAssertionAsync(new PasskeyAssertionContext
            {
                CredentialJson = credentialJson,
                AssertionState = state,
                HttpContext = context,
            });
        }
        catch (Exception e) when (e is PasskeyException or JsonException or FormatException)
        {
            return (null, "malformed answer");
        }

        if (!assertion.Succeeded)
        {
            TwoFactorLog.PasskeyRefused(logger, assertion.Failure.Message);
            return (null, "assertion refused");
        }

        return (assertion, null);
    }
}
