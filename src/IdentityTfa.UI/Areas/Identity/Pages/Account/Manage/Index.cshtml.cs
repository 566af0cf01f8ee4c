namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>The profile. Unlike Identity UI's own, it does not let an unverified phone number replace the verified one.</summary>
[TwoFactorDefaultUI(typeof(IndexModel<>))]
public abstract class IndexModel : ManagePageModel
{
    public string Email { get; protected set; } = string.Empty;

    /// <summary>The verified phone number, in international format.</summary>
    public string? PhoneNumber { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();
}

internal sealed class IndexModel<TUser>(UserManager<TUser> users) : IndexModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
    {
        Email = await users.GetEmailAsync(user) ?? string.Empty;
        PhoneNumber = await users.IsPhoneNumberConfirmedAsync(user) && await users.GetPhoneNumberAsync(user) is { } phone
            ? PhoneDisplay.International(phone)
            : null;
        return Page();
    });
}
