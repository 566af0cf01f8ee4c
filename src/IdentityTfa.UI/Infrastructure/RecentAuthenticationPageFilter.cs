using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IdentityTfa.UI.Infrastructure;

/// <summary>
/// Sends a session whose second factor (or password) is older than the window to the step-up screen, which brings it
/// back to the page; a POST is not carried out. Signing out is for the step-up screen to offer, not this filter.
/// </summary>
internal sealed class RecentAuthenticationPageFilter(IRecentAuthentication recent) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var state = await recent.CheckAsync(http.User, http.RequestAborted);
        switch (state)
        {
            case RecentAuthenticationState.Recent:
                await next();
                return;
            case RecentAuthenticationState.NotSignedIn:
                context.Result = new ChallengeResult();
                return;
            default:
                // Back to the page itself (a GET), with its query: the form is not kept, the page is.
                var back = http.Request.Path.Value + (HttpMethods.IsGet(http.Request.Method) ? http.Request.QueryString.Value : null);
                context.Result = new RedirectToPageResult("/Account/StepUp", new
                {
                    area = "Identity",
                    returnUrl = back,
                    // A user who must use a strong method is offered only it (the admin area's strong step-up).
                    strong = state == RecentAuthenticationState.StrongSecondFactorRequired ? true : (bool?)null,
                });
                return;
        }
    }
}
