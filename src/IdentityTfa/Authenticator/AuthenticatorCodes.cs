using IdentityTfa.Codes;
using OtpNet;

namespace IdentityTfa.Authenticator;

/// <summary>
/// Checks authenticator-app codes (TOTP, RFC 6238, HMAC-SHA1, 6 digits) against a user's key, and finds the time step a
/// code belongs to: a code of the last step already accepted, or an earlier one, is refused, so a code works once.
/// </summary>
internal static class AuthenticatorCodes
{
    /// <summary>The digits of an authenticator code.</summary>
    public const int Digits = 6;

    /// <summary>
    /// The time step of <paramref name="code"/> when it is right for <paramref name="base32Key"/> at <paramref name="now"/>
    /// (within the allowed skew) and later than <paramref name="lastUsedStep"/>; else null.
    /// </summary>
    public static long? Match(string? base32Key, string? code, DateTimeOffset now, long lastUsedStep, AuthenticatorOptions options)
    {
        var input = CodeAlphabet.NormalizeInput(code);
        if (string.IsNullOrEmpty(base32Key) || input.Length != Digits || !input.All(char.IsAsciiDigit))
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Base32Encoding.ToBytes(base32Key);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var totp = new Totp(key, step: StepSeconds(options));
        var skew = new VerificationWindow(previous: options.AllowedSkewSteps, future: options.AllowedSkewSteps);
        if (!totp.VerifyTotp(now.UtcDateTime, input, out var step, skew))
        {
            return null;
        }

        return step > lastUsedStep ? step : null;
    }

    /// <summary>The code for <paramref name="base32Key"/> at <paramref name="now"/> (for tests and tools).</summary>
    public static string Compute(string base32Key, DateTimeOffset now, AuthenticatorOptions? options = null) =>
        new Totp(Base32Encoding.ToBytes(base32Key), step: StepSeconds(options ?? new())).ComputeTotp(now.UtcDateTime);

    /// <summary>The key in groups of four letters, for typing into an app.</summary>
    public static string Grouped(string base32Key) =>
        string.Join(' ', base32Key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>The <c>otpauth://</c> address a QR code carries (Google Authenticator's key URI format).</summary>
    public static string Uri(string issuer, string account, string base32Key, AuthenticatorOptions options) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={base32Key}&issuer={System.Uri.EscapeDataString(issuer)}&digits={Digits}&period={StepSeconds(options)}";

    private static int StepSeconds(AuthenticatorOptions options) => (int)options.TimeStep.TotalSeconds;
}
