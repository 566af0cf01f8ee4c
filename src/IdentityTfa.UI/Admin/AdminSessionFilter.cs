using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IdentityTfa.UI.Admin;

/// <summary>
/// Checks, after the app's admin policy, that the admin's session used a second factor: an admin without two-factor
/// sign-in is sent to enrol; one who skipped the code on a trusted browser signs in again with a code.
/// </summary>
internal sealed class AdminSessionFilter<TUser>(UserManager<TUser> users) : IAsyncPageFilter
    where TUser : class
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
