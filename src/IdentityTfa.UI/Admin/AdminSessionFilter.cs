using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IdentityTfa.UI.Admin;

/// <summary>
/// Checks, after the app's admin policy, that the admin's session used a second factor: an admin without two-factor
/// sign-in is sent to enrol; one who skipped the code on a trusted browser signs in again with a code. An admin in a
/// role the site policy gives a set of methods (<see cref="EffectiveSitePolicy.RoleMethods"/>, default <c>Admin</c>:
/// the strong ones) must have one of them and must have used it for this session: without one they are sent to add
/// it, after a code of another method they are asked for one of the set.
/// A POST (a change to the policy or a customer) also needs that second factor within
/// <c>IdentityTfa:ReauthenticationWindow</c> (<see cref="IRecentAuthentication"/>); else the admin steps up and comes back.
/// </summary>
internal sealed class AdminSessionFilter<TUser>(UserManager<TUser> users, ISitePolicyStore policies, ITwoFactorMethodManager<TUser> methods, IRecentAuthentication recent) : IAsyncPageFilter
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

        var returnUrl = context.HttpContext.Request.Path.Value;
        var cancellationToken = context.HttpContext.RequestAborted;
        if (await SiteMethods.RequiredForAsync(users, user, await policies.GetAsync(cancellationToken)) is { } counted)
        {
            if (!(await methods.GetMethodsAsync(user, cancellationToken)).Any(m => counted.Contains(m.Channel)))
            {
                // The app's page when the role's rule takes the app; else the settings, where every method is added.
                context.Result = counted.Contains(Delivery.DeliveryChannel.Authenticator)
                    ? new RedirectToPageResult("/Account/Manage/EnableAuthenticator", new { area = "Identity", adminMustEnrol = true })
                    : new RedirectToPageResult("/Account/Manage/TwoFactorAuthentication", new { area = "Identity", adminMustEnrol = true });
                return;
            }

            var method = context.HttpContext.User.FindFirst(TwoFactorClaimTypes.Method)?.Value;
            if (!context.HttpContext.User.HasClaim("amr", "mfa")
                || !Enum.TryParse<Delivery.DeliveryChannel>(method, out var used) || !counted.Contains(used))
            {
                context.Result = new RedirectToPageResult("/Account/StepUp", new { area = "Identity", returnUrl, strong = true });
                return;
            }

            await NextWhenRecentAsync(context, next, returnUrl, strong: true);
            return;
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            context.Result = new RedirectToPageResult("/Account/Manage/TwoFactorAuthentication", new { area = "Identity", adminMustEnrol = true });
            return;
        }

        if (!context.HttpContext.User.HasClaim("amr", "mfa"))
        {
            context.Result = new RedirectToPageResult("/Account/StepUp", new { area = "Identity", returnUrl });
            return;
        }

        await NextWhenRecentAsync(context, next, returnUrl, strong: false);
    }

    /// <summary>Runs a GET, or a POST whose second factor is within the re-authentication window; else steps up first.</summary>
    private async Task NextWhenRecentAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next, string? returnUrl, bool strong)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && await recent.CheckAsync(http.User, http.RequestAborted) != RecentAuthenticationState.Recent)
        {
            // Back to the page (a GET): the form is not kept, the page is.
            context.Result = new RedirectToPageResult("/Account/StepUp", new { area = "Identity", returnUrl, strong = strong ? true : (bool?)null });
            return;
        }

        await next();
    }
}
