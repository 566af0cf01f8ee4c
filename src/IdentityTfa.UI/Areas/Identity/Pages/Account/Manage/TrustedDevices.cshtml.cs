using IdentityTfa.Devices;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Every browser that skips the code, with "Revoke" and "Revoke all".</summary>
public class TrustedDevicesModel(UserManager<IdentityUser> users, ITrustedDeviceManager<IdentityUser> devices) : ManagePage(users)
{
    public IReadOnlyList<TrustedDeviceInfo> Devices { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => WithUserAsync(async user =>
    {
        Devices = await devices.ListAsync(user, HttpContext.RequestAborted);
        return Page();
    });

    public Task<IActionResult> OnPostRevokeAsync(Guid id) => WithUserAsync(async user =>
    {
        StatusMessage = await devices.RevokeAsync(user, id, HttpContext.RequestAborted)
            ? "The device was revoked. It will be asked for a code at its next sign-in."
            : "That device was already revoked.";
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostRevokeAllAsync() => WithUserAsync(async user =>
    {
        var count = await devices.RevokeAllAsync(user, HttpContext.RequestAborted);
        StatusMessage = $"{count} device{(count == 1 ? " was" : "s were")} revoked.";
        return RedirectToPage();
    });
}
