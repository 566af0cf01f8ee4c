using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace IdentityTfa.Passkeys;

/// <summary>
/// Holds a passkey ceremony's state (the challenge Identity's passkey handler made) between the options request and
/// the browser's answer, in a protected cookie of its own, bound to one user and one kind of ceremony, for a few minutes
/// and for one answer. Identity's own <c>SignInManager</c> keeps this state in the two-factor cookie, which on the verify
/// screen holds the partial sign-in (and which IdentityTfa binds to the security stamp), so it cannot be used there.
/// </summary>
internal sealed class PasskeyCeremonies(IDataProtectionProvider protection, TimeProvider time)
{
    internal const string CookieName = "IdentityTfa.Passkey";

    // Over HTTPS the cookie is a __Host- cookie: no subdomain can set or overwrite it.
    private static string NameFor(HttpContext http) => http.Request.IsHttps ? "__Host-" + CookieName : CookieName;

    /// <summary>How long the browser has to answer: the WebAuthn timeout Identity asks for, with room to spare.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("IdentityTfa.Passkeys.Ceremony.v1");

    /// <summary>Keeps the state of a ceremony of <paramref name="kind"/> for <paramref name="userId"/>, replacing any earlier one.</summary>
    public void Begin(HttpContext http, string kind, string userId, string? state)
    {
        var ceremony = new Ceremony(kind, userId, state, time.GetUtcNow() + Lifetime);
        http.Response.Cookies.Append(NameFor(http), _protector.Protect(JsonSerializer.Serialize(ceremony)), Options(http));
    }

    /// <summary>
    /// The state of the ceremony of <paramref name="kind"/> begun for <paramref name="userId"/>, once (the cookie is
    /// removed); null when there is none, it is another user's or kind, tampered with, or older than <see cref="Lifetime"/>.
    /// </summary>
    public Ceremony? Take(HttpContext http, string kind, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(NameFor(http), out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        http.Response.Cookies.Delete(NameFor(http), Options(http));
        Ceremony? ceremony;
        try
        {
            ceremony = JsonSerializer.Deserialize<Ceremony>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        return ceremony is not null && ceremony.Kind == kind && ceremony.UserId == userId && ceremony.ExpiresAt > time.GetUtcNow()
            ? ceremony
            : null;
    }

    private CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        Expires = time.GetUtcNow() + Lifetime,
    };

    /// <summary>One ceremony: its kind (<see cref="PasskeyCeremonyKinds"/>), the user, Identity's state and its end.</summary>
    internal sealed record Ceremony(string Kind, string UserId, string? State, DateTimeOffset ExpiresAt);
}

/// <summary>The kinds of passkey ceremony.</summary>
internal static class PasskeyCeremonyKinds
{
    /// <summary>Adding a passkey in the settings.</summary>
    public const string Add = "add";

    /// <summary>A passkey as the second step of a sign-in.</summary>
    public const string SecondStep = "second-step";

    /// <summary>A passkey on the step-up page, by a signed-in user.</summary>
    public const string StepUp = "step-up";

    /// <summary>A passkey alone, instead of the password, on the sign-in page (no user named).</summary>
    public const string Passwordless = "passwordless";
}
