using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.Bench.Pages.Bench;

/// <summary>The ceiling: an antiforgery-protected POST that does nothing but redirect, in the same host and pipeline.</summary>
[AllowAnonymous]
public sealed class CeilingModel : PageModel
{
    public IActionResult OnPost() => LocalRedirect("/");
}
