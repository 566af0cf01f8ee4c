namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>What the generic settings page models share: the signed-in user, the site's offer, the password check and the first recovery codes.</summary>
internal static class ManagePageExtensions
{
    /// <summary>Runs <paramref name="action"/> for the signed-in user, or challenges when the session has none.</summary>
    public static async Task<IActionResult> WithUserAsync<TUser>(this ManagePageModel page, UserManager<TUser> users, Func<TUser, Task<IActionResult>> action)
        where TUser : class =>
        await users.GetUserAsync(page.User) is { } user ? await action(user) : page.Challenge();

    /// <summary>Sends the user back to the status page, which says why, when the site does not offer two-factor sign-in to them.</summary>
    public static Task<IActionResult> WhenOfferedAsync<TUser>(
        this ManagePageModel page, UserManager<TUser> users, ITwoFactorAdministration<TUser> administration, Func<TUser, Task<IActionResult>> action)
        where TUser : class =>
        page.WithUserAsync(users, async user => await administration.IsOfferedToAsync(user, page.HttpContext.RequestAborted)
            ? await action(user)
            : page.RedirectToPage("./TwoFactorAuthentication"));

    /// <summary>After a method is turned on: the first time two-factor sign-in is on, the recovery codes are shown once.</summary>
    public static async Task<IActionResult> FinishAsync<TUser>(this ManagePageModel page, TUser user, ITwoFactorMethodManager<TUser> methods, string status)
        where TUser : class
    {
        page.StatusMessage = status;
        if (await methods.EnsureRecoveryCodesAsync(user, page.HttpContext.RequestAborted) is { } codes)
        {
            page.TempData[RecoveryCodesModel.NewCodesKey] = codes.ToArray();
            return page.RedirectToPage("./RecoveryCodes");
        }

        return page.RedirectToPage("./TwoFactorAuthentication");
    }

    /// <summary>Whether <paramref name="password"/> is the account's, before a change that weakens it.</summary>
    public static async Task<bool> PasswordIsRightAsync<TUser>(this UserManager<TUser> users, TUser user, string? password)
        where TUser : class =>
        !string.IsNullOrEmpty(password) && password.Length <= 256 && await users.CheckPasswordAsync(user, password);

    /// <summary>
    /// Saves the password the form gave and refreshes the sign-in, or redraws the page with why not (the form's
    /// checks, then Identity's password rules) and the form emptied.
    /// </summary>
    public static async Task<IActionResult> SavePasswordAsync<TUser>(
        this ManagePageModel page, SignInManager<TUser> signIn, TUser user, Func<Task<IdentityResult>> save, Action emptyForm, string status, string? redirectTo)
        where TUser : class
    {
        var errors = !page.ModelState.IsValid ? page.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)
            : await save() is { Succeeded: false } refused ? refused.Errors.Select(e => e.Description)
            : null;
        if (errors is not null)
        {
            page.ErrorMessage = string.Join(" ", errors.Distinct());
            emptyForm();
            page.ModelState.Clear();
            return page.Page();
        }

        await signIn.RefreshSignInAsync(user);
        page.StatusMessage = status;
        return page.RedirectToPage(redirectTo);
    }
}
