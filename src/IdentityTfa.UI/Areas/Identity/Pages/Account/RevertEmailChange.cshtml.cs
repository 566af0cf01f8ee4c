using System.Security.Claims;
using IdentityTfa.Notices;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// The page the link in the "your email address changed" notice opens at the old address. Opening it changes nothing
/// (mail scanners open links); the button undoes the change and makes the account safe (see <see cref="EmailChangeUndo{TUser}"/>).
/// </summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(RevertEmailChangeModel<>))]
public abstract class RevertEmailChangeModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>Whether the change was undone by this request.</summary>
    public bool Reverted { get; protected set; }

    /// <summary>
    /// What the link did when it worked: <see cref="Reverted"/> is true only for <see cref="EmailChangeUndoOutcome.Undone"/>;
    /// otherwise the page says that the old address could not be restored or not every step was done.
    /// </summary>
    internal EmailChangeUndoOutcome? Outcome { get; private protected set; }

    /// <summary>Why the link did not work, when it did not.</summary>
    public string? ErrorMessage { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class RevertEmailChangeModel<TUser>(
    EmailChangeUndo<TUser> undo,
    SignInManager<TUser> signIn,
    IStringLocalizer<LayoutText> text) : RevertEmailChangeModel where TUser : class
{
    public override Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token))
        {
            ErrorMessage = text["This link is not complete. Open the link from the email again, or ask for a new one."];
        }

        return Task.FromResult<IActionResult>(Page());
    }

    public override async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || await undo.UndoAsync(UserId, Token, HttpContext.RequestAborted) is not { } outcome)
        {
            ErrorMessage = text["This link has expired or was already used. If your email address is still not yours, reset your password or contact us."];
            return Page();
        }

        // Whoever is signed in here may be the one who made the change; every session ends, this one too, and this
        // answer is already the page of a browser that is signed out (its header offers to sign in).
        await signIn.SignOutAsync();
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        Outcome = outcome;
        Reverted = outcome == EmailChangeUndoOutcome.Undone;
        return Page();
    }
}
