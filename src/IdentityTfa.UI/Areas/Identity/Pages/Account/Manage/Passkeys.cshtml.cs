using IdentityTfa.Passkeys;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>The user's passkeys: add one with a name, and rename or remove each.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(PasskeysModel<>))]
public abstract class PasskeysModel : ManagePageModel
{
    internal IReadOnlyList<PasskeyInfo> Passkeys { get; private protected set; } = [];

    /// <summary>Whether the site policy lets this account add passkeys.</summary>
    public bool MayAdd { get; protected set; }

    [BindProperty]
    public AddInput Add { get; set; } = new();

    public class AddInput
    {
        [Required(ErrorMessage = "Give the passkey a name.")]
        [StringLength(PasskeyManager<object>.MaxNameLength, ErrorMessage = "A passkey name can have at most 50 characters.")]
        [Display(Name = "Passkey name")]
        public string Name { get; set; } = string.Empty;

        public string? Credential { get; set; }
    }

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    /// <summary>The WebAuthn creation options for a new passkey, as JSON for the page's script.</summary>
    public virtual Task<IActionResult> OnPostOptionsAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAddAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostRenameAsync(string id, string? name) => throw new NotImplementedException();

    /// <summary>Removes one passkey after the password is given again, as removing any method does.</summary>
    public virtual Task<IActionResult> OnPostRemoveAsync(string id, string? password) => throw new NotImplementedException();
}

internal sealed class PasskeysModel<TUser>(
    UserManager<TUser> users,
    PasskeyManager<TUser> passkeys,
    ITwoFactorMethodManager<TUser> methods,
    ITwoFactorAdministration<TUser> administration,
    SignInManager<TUser> signIn,
    ISitePolicyStore policies,
    IRecentAuthentication recent,
    IStringLocalizer<ManageText> t) : PasskeysModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        await LoadAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostOptionsAsync() => this.WhenOfferedAsync(users, administration, async user =>
        await passkeys.MakeCreationOptionsAsync(HttpContext, user) is { } json
            ? Content(json, "application/json")
            : (IActionResult)StatusCode(403));

    public override Task<IActionResult> OnPostAddAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        if (!ModelState.IsValid)
        {
            ErrorMessage = ModelState.Values.SelectMany(v => v.Errors).First().ErrorMessage;
            await LoadAsync(user);
            return Page();
        }

        // As for a new authenticator app: the new passkey (verified by its holder) counts as the session's strong second
        // factor only where that cannot let a weaker code swap the strong method of a staff member who must use one.
        var signedInWithIt = !await SiteMethods.MustUseStrongAsync(users, user, await policies.GetAsync(HttpContext.RequestAborted))
            || !(await methods.GetMethodsAsync(user, HttpContext.RequestAborted)).Any(m => SiteMethods.IsStrong(m.Channel))
            || await recent.CheckAsync(User, HttpContext.RequestAborted) == RecentAuthenticationState.Recent;
        switch (await passkeys.AddAsync(HttpContext, user, Add.Name, Add.Credential))
        {
            case PasskeyAddResult.Added:
                await signIn.RefreshAfterNewFactorAsync(user, HttpContext, signedInWithIt ? DeliveryChannel.Passkey : null);
                StatusMessage = t["The passkey \"{0}\" was added. You can use it instead of a code when you sign in.", Add.Name.Trim()];

                // The first method turns two-factor sign-in on, and its recovery codes are shown once, as for any method.
                if (await methods.EnsureRecoveryCodesAsync(user, HttpContext.RequestAborted) is { } codes)
                {
                    TempData[RecoveryCodesModel.NewCodesKey] = codes.ToArray();
                    return RedirectToPage("./RecoveryCodes");
                }

                return RedirectToPage();
            case PasskeyAddResult.NotAllowed:
                ErrorMessage = t["This shop does not let your account use passkeys."];
                break;
            case PasskeyAddResult.NoRequest:
                ErrorMessage = t["The passkey request expired. Try again."];
                break;
            default:
                ErrorMessage = t["The passkey could not be added. Try again, or use another passkey."];
                break;
        }

        Add.Credential = null;
        await LoadAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostRenameAsync(string id, string? name) => this.WithUserAsync(users, async user =>
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > PasskeyManager<TUser>.MaxNameLength)
        {
            ModelState.Clear();
            ErrorMessage = trimmed.Length == 0
                ? t["Give the passkey a name."]
                : t["A passkey name can have at most 50 characters."];
            await LoadAsync(user);
            return Page();
        }

        StatusMessage = await passkeys.RenameAsync(user, id, trimmed, HttpContext.RequestAborted)
            ? t["The passkey was renamed to \"{0}\".", trimmed]
            : t["That passkey was already removed."];
        return RedirectToPage();
    });

    public override Task<IActionResult> OnPostRemoveAsync(string id, string? password) => this.WithUserAsync(users, async user =>
    {
        // As on "Remove" of a method and "Turn off": a passkey (the last one turns two-factor sign-in off) is removed
        // only with the password, so a session left open is not enough to take a second factor away.
        if (!await users.PasswordIsRightAsync(user, password))
        {
            ModelState.Clear();
            ErrorMessage = t["That password is not right. Enter your current password to remove this method."];
            await LoadAsync(user);
            return Page();
        }

        var removed = await passkeys.RemoveAsync(user, id, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        StatusMessage = removed
            ? t["The passkey was removed. It can no longer be used to sign in."]
            : t["That passkey was already removed."];
        return RedirectToPage();
    });

    private async Task LoadAsync(TUser user)
    {
        Passkeys = await passkeys.ListAsync(user);
        MayAdd = await passkeys.IsAllowedAsync(user, HttpContext.RequestAborted);
    }
}
