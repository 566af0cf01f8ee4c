using IdentityTfa.Devices;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Every browser that skips the code, with "Revoke" and "Revoke all".</summary>
[TwoFactorDefaultUI(typeof(TrustedDevicesModel<>))]
public abstract class TrustedDevicesModel : ManagePageModel
{
    internal IReadOnlyList<TrustedDeviceInfo> Devices { get; private protected set; } = [];

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostRevokeAsync(Guid id) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostRevokeAllAsync() => throw new NotImplementedException();
}

internal sealed class TrustedDevicesModel<TUser>(UserManager<TUser> users, ITrustedDeviceManager<TUser> devices, IStringLocalizer<ManageText> t) : TrustedDevicesModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, async user =>
    {
        Devices = await devices.ListAsync(user, HttpContext.RequestAborted);
        return Page();
    });

    public override Task<IActionResult> OnPostRevokeAsync(Guid id) => this.WithUserAsync(users, async user =>
    {
        StatusMessage = await devices.RevokeAsync(user, id, HttpContext.RequestAborted)
            ? t["The device was revoked. It will be asked for a code at its next sign-in."]
            : t["That device was already revoked."];
        return RedirectToPage();
    });

    public override Task<IActionResult> OnPostRevokeAllAsync() => this.WithUserAsync(users, async user =>
    {
        var count = await devices.RevokeAllAsync(user, HttpContext.RequestAborted);
        StatusMessage = count == 1 ? t["1 device was revoked."] : t["{0} devices were revoked.", count];
        return RedirectToPage();
    });
}
