namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's "locked out" page in this package's design and languages. It needs no user, so it is not generic over one.</summary>
[AllowAnonymous]
public sealed class LockoutModel : PageModel
{
    public void OnGet()
    {
    }
}
