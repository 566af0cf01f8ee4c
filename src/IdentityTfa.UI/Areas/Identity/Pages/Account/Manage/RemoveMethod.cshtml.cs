namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Removes one method after the password is given again; the account is told by email.</summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(RemoveMethodModel<>))]
public abstract class RemoveMethodModel : ManagePageModel
{
    [BindProperty(SupportsGet = true)]
    public DeliveryChannel Channel { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    internal TwoFactorMethodInfo? Method { get; private protected set; }

    public bool IsLast { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class RemoveMethodModel<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    ITwoFactorMethodManager<TUser> methods,
    IStringLocalizer<ManageText> t) : RemoveMethodModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
        await LoadAsync(user) ? Page() : RedirectToPage("./TwoFactorAuthentication"));

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, async user =>
    {
        if (!await LoadAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        if (!await users.PasswordIsRightAsync(user, Password))
        {
            ErrorMessage = t["That password is not right. Enter your current password to remove this method."];
            Password = null;
            ModelState.Clear();
            return Page();
        }

        await methods.RemoveAsync(user, Channel, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        StatusMessage = IsLast
            ? t["{0} was removed. Two-factor sign-in is off.", ChannelText.Name(t, Channel)]
            : t["{0} was removed.", ChannelText.Name(t, Channel)];
        return RedirectToPage("./TwoFactorAuthentication");
    });

    private async Task<bool> LoadAsync(TUser user)
    {
        var all = await methods.GetMethodsAsync(user, HttpContext.RequestAborted);
        Method = all.FirstOrDefault(m => m.Channel == Channel);
        IsLast = all.Count == 1;
        return Method is not null;
    }
}
