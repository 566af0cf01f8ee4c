using System.Security.Claims;

namespace IdentityTfa.UI.Admin;

/// <summary>The signed-in user's id, for audit rows of admin actions.</summary>
internal static class UserIds
{
    public static string Id(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No user is signed in.");
}
