namespace IdentityTfa.UI;

/// <summary>
/// Marks a page (on its page model) that changes how the account is protected: every handler, GET and POST, first
/// needs a recent second factor (or, for an account without one, a recent password), else the user is sent to the
/// step-up screen and back. The window is <c>IdentityTfa:ReauthenticationWindow</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class RequireRecentAuthenticationAttribute : Attribute
{
}
