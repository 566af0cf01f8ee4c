using System.Diagnostics;

namespace IdentityTfa.UI.Areas.Identity.Pages;

/// <summary>Identity UI's error page in this package's design and languages; the request id lets support find the log.</summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    public void OnGet() => RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
}
