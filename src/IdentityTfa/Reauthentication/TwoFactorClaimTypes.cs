namespace IdentityTfa.Reauthentication;

/// <summary>The claims IdentityTfa puts on a signed-in principal (cookie and bearer token) to date its authentication.</summary>
internal static class TwoFactorClaimTypes
{
    /// <summary>When the second factor (a code or a recovery code) was last entered, in Unix seconds.</summary>
    public const string SecondFactorTime = "tfa_auth_time";

    /// <summary>When the password (or any other first step) was last entered, in Unix seconds.</summary>
    public const string SignInTime = "tfa_signin_time";

    /// <summary>The method of the session's second factor (a <c>DeliveryChannel</c> name, e.g. <c>Sms</c>, <c>Authenticator</c>).</summary>
    public const string Method = "tfa_method";

    internal static System.Security.Claims.Claim At(string type, DateTimeOffset time) =>
        new(type, time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), System.Security.Claims.ClaimValueTypes.Integer64);

    internal static DateTimeOffset? Read(System.Security.Claims.ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirst(type)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
