using IdentityTfa.Limits;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// What a page request over its request limit sees (with status 429, set by the request limits): when to try again, in
/// minutes. Like the lockout page it needs no user, so it is not generic over one.
/// </summary>
[AllowAnonymous]
public sealed class TooManyAttemptsModel : PageModel
{
    /// <summary>Whole minutes until the window ends, rounded up; null when the page is opened by itself.</summary>
    public int? Minutes { get; private set; }

    public void OnGet()
    {
        if (HttpContext.Items[RequestLimiter.RetryAfterItem] is TimeSpan retryAfter)
        {
            Minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        }
    }
}
