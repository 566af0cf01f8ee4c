using System.Security.Claims;
using IdentityTfa.Shop.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IdentityTfa.Shop.Hosting;

/// <summary>
/// The admin area: role Admin, and a session whose sign-in used a second factor. An admin without two-factor sign-in
/// is sent to enrol; one who skipped the code on a trusted browser signs in again with a code.
/// </summary>
public static class AdminArea
{
    public const string PolicyName = "AdminArea";

    public static WebApplicationBuilder AddShopAdminArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy.RequireRole(AdminSeeder.AdminRole));
        builder.Services.AddScoped<AdminSessionFilter>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeAreaFolder("Admin", "/", PolicyName);
            options.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/", model => model.Filters.Add(new ServiceFilterAttribute(typeof(AdminSessionFilter))));
        });
        return builder;
    }
}

/// <summary>Checks, after the role, that the admin's session used a second factor.</summary>
public sealed class AdminSessionFilter(UserManager<IdentityUser> users) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = await users.GetUserAsync(context.HttpContext.User);
        if (user is null)
        {
            context.Result = new ChallengeResult();
            return;
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            context.Result = new RedirectToPageResult("/Account/Manage/TwoFactorAuthentication", new { area = "Identity", adminMustEnrol = true });
            return;
        }

        if (!context.HttpContext.User.HasClaim("amr", "mfa"))
        {
            context.Result = new RedirectToPageResult("/Account/StepUp", new { area = "Identity", returnUrl = context.HttpContext.Request.Path.Value });
            return;
        }

        await next();
    }
}

/// <summary>The signed-in user's id, for audit rows of admin actions.</summary>
public static class ClaimsPrincipalExtensions
{
    public static string Id(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No user is signed in.");
}
