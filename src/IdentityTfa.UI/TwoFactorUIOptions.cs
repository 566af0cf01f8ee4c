namespace IdentityTfa.UI;

/// <summary>How the IdentityTfa pages fit into the app: its layout, and the policy that guards the admin pages.</summary>
public sealed class TwoFactorUIOptions
{
    /// <summary>
    /// The layout the pages render in, for example <c>/Pages/Shared/_Layout.cshtml</c>; null for the package's own
    /// layout. The app's layout must load the package's stylesheet (see the README).
    /// </summary>
    public string? Layout { get; set; }

    /// <summary>The app's authorization policy for the admin pages under <c>/Admin</c>; null leaves them off (404).</summary>
    public string? AdminPolicy { get; set; }
}
