using Microsoft.AspNetCore.Authentication;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Identity UI's "External logins" page in this package's design and words, with Identity UI's behaviour: the services
/// the account signs in with, each removable while another way in remains, and the site's other services to add.
/// </summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(ExternalLoginsModel<>))]
public abstract class ExternalLoginsModel : ManagePageModel
{
    public IList<UserLoginInfo> CurrentLogins { get; protected set; } = [];

    public IList<AuthenticationScheme> OtherLogins { get; protected set; } = [];

    /// <summary>Whether a login may be removed: only while a password or another login still signs the user in.</summary>
    public bool ShowRemoveButton { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostRemoveLoginAsync(string loginProvider, string providerKey) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostLinkLoginAsync(string provider) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnGetLinkLoginCallbackAsync() => throw new NotImplementedException();
}

internal sealed class ExternalLoginsModel<TUser>(UserManager<TUser> users, SignInManager<TUser> signIn, IStringLocalizer<ManageText> t) : ExternalLoginsModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
    {
        await LoadAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostRemoveLoginAsync(string loginProvider, string providerKey) => this.WithUserAsync(users, async user =>
    {
        var removed = await users.RemoveLoginAsync(user, loginProvider, providerKey);
        if (!removed.Succeeded)
        {
            ErrorMessage = t["The external login was not removed."];
            await LoadAsync(user);
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = t["The external login was removed."];
        return RedirectToPage();
    });

    public override async Task<IActionResult> OnPostLinkLoginAsync(string provider)
    {
        // A clean external cookie, so that the login coming back is the one asked for now.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var back = Url.Page("./ExternalLogins", pageHandler: "LinkLoginCallback");
        return new ChallengeResult(provider, signIn.ConfigureExternalAuthenticationProperties(provider, back, users.GetUserId(User)));
    }

    public override Task<IActionResult> OnGetLinkLoginCallbackAsync() => this.WithUserAsync(users, async user =>
    {
        var info = await signIn.GetExternalLoginInfoAsync(await users.GetUserIdAsync(user))
            ?? throw new InvalidOperationException("The external login's information could not be loaded.");
        var added = await users.AddLoginAsync(user, info);
        if (!added.Succeeded)
        {
            ErrorMessage = t["The external login was not added. External logins can only be associated with one account."];
            await LoadAsync(user);
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        StatusMessage = t["The external login was added."];
        return RedirectToPage();
    });

    private async Task LoadAsync(TUser user)
    {
        CurrentLogins = await users.GetLoginsAsync(user);
        OtherLogins = [.. (await signIn.GetExternalAuthenticationSchemesAsync()).Where(scheme => CurrentLogins.All(login => login.LoginProvider != scheme.Name))];
        ShowRemoveButton = await users.HasPasswordAsync(user) || CurrentLogins.Count > 1;
    }
}
