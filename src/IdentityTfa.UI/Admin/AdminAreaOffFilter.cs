using Microsoft.AspNetCore.Mvc.Filters;

namespace IdentityTfa.UI.Admin;

/// <summary>Answers 404 for the admin pages when the app has named no policy for them.</summary>
internal sealed class AdminAreaOffFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context) => context.Result = new NotFoundResult();

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
