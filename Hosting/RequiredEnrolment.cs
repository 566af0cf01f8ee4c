using IdentityTfa.Policy;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Shop.Hosting;

/// <summary>Members of the roles the site policy lists must turn on two-factor sign-in before they reach anything else.</summary>
public static class RequiredEnrolment
{
    private static readonly string[] AllowedPrefixes =
    [
        "/Identity/Account/Manage/TwoFactorAuthentication", "/Identity/Account/Manage/AddPhone", "/Identity/Account/Manage/AddEmail",
        "/Identity/Account/Manage/RecoveryCodes", "/Identity/Account/Manage/EnableAuthenticator", "/Identity/Account/StepUp", "/Identity/Account/Logout", "/Identity/Account/Login", "/Identity/Language", "/dev/inbox", "/css/", "/js/", "/identitytfa/",
    ];

    public static IApplicationBuilder UseShopRequiredEnrolment(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && !AllowedPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                var policy = await context.RequestServices.GetRequiredService<ISitePolicyStore>().GetAsync(context.RequestAborted);
                if (policy.RequiredRoles.Count > 0)
                {
                    var users = context.RequestServices.GetRequiredService<UserManager<IdentityUser>>();
                    if (await users.GetUserAsync(context.User) is { } user && !await users.GetTwoFactorEnabledAsync(user)
                        && await IsInAnyAsync(users, user, policy.RequiredRoles))
                    {
                        context.Response.Redirect("/Identity/Account/Manage/TwoFactorAuthentication?mustEnrol=true");
                        return;
                    }
                }
            }

            await next();
        });

    private static async Task<bool> IsInAnyAsync(UserManager<IdentityUser> users, IdentityUser user, IReadOnlyList<string> roles)
    {
        foreach (var role in roles)
        {
            if (await users.IsInRoleAsync(user, role))
            {
                return true;
            }
        }

        return false;
    }
}
