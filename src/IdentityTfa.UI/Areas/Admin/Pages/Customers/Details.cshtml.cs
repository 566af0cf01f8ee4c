using IdentityTfa.Administration;
using IdentityTfa.Delivery;
using IdentityTfa.Devices;
using IdentityTfa.Methods;
using IdentityTfa.UI.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Admin.Pages.Customers;

/// <summary>One customer: the 2FA toggle, method, reset, devices and lockout. Each action is audited and the customer told by email.</summary>
public class DetailsModel(
    UserManager<IdentityUser> users,
    ITwoFactorAdministration<IdentityUser> admin,
    ITwoFactorMethodManager<IdentityUser> methods,
    ITrustedDeviceManager<IdentityUser> devices,
    TimeProvider time) : PageModel
{
    public IdentityUser Customer { get; private set; } = new();

    public IReadOnlyList<TwoFactorMethodInfo> Methods { get; private set; } = [];

    public int DeviceCount { get; private set; }

    public bool LockedOut { get; private set; }

    public IReadOnlyList<DeliveryChannel> AvailableMethods { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostToggleAsync(string id, bool enabled) => ActAsync(id, async customer =>
        await admin.SetEnabledAsync(customer, enabled, User.Id(), HttpContext.RequestAborted)
            ? Done($"Two-factor sign-in is {(enabled ? "on" : "off")} for {customer.Email}.")
            : Refused("Two-factor sign-in needs a method: set one first."));

    public Task<IActionResult> OnPostMethodAsync(string id, DeliveryChannel channel) => ActAsync(id, async customer =>
        await admin.SetMethodAsync(customer, channel, User.Id(), HttpContext.RequestAborted)
            ? Done($"{customer.Email} now gets codes by {channel}.")
            : Refused("The customer has no verified contact for that method."));

    public Task<IActionResult> OnPostResetAsync(string id) => ActAsync(id, async customer =>
    {
        await admin.ResetAsync(customer, User.Id(), HttpContext.RequestAborted);
        return Done($"Two-factor sign-in of {customer.Email} was reset.");
    });

    public Task<IActionResult> OnPostRevokeDevicesAsync(string id) => ActAsync(id, async customer =>
        Done($"{await admin.RevokeDevicesAsync(customer, User.Id(), HttpContext.RequestAborted)} trusted devices of {customer.Email} were revoked."));

    public Task<IActionResult> OnPostUnlockAsync(string id) => ActAsync(id, async customer =>
    {
        await admin.UnlockAsync(customer, User.Id(), HttpContext.RequestAborted);
        return Done($"{customer.Email} was unlocked.");
    });

    private static (bool Ok, string Message) Done(string message) => (true, message);

    private static (bool Ok, string Message) Refused(string message) => (false, message);

    private async Task<IActionResult> ActAsync(string id, Func<IdentityUser, Task<(bool Ok, string Message)>> action)
    {
        if (await users.FindByIdAsync(id) is not { } customer)
        {
            return NotFound();
        }

        var (ok, message) = await action(customer);
        if (ok)
        {
            StatusMessage = message;
            return RedirectToPage(new { id });
        }

        ErrorMessage = message;
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } customer)
        {
            return false;
        }

        Customer = customer;
        Methods = await methods.GetMethodsAsync(customer, HttpContext.RequestAborted);
        DeviceCount = (await devices.ListAsync(customer, HttpContext.RequestAborted)).Count;
        LockedOut = customer.LockoutEnd > time.GetUtcNow();
        var available = new List<DeliveryChannel>();
        if (customer.PhoneNumberConfirmed && customer.PhoneNumber is not null)
        {
            available.AddRange([DeliveryChannel.Sms, DeliveryChannel.Voice]);
        }

        if (customer.EmailConfirmed)
        {
            available.Add(DeliveryChannel.Email);
        }

        AvailableMethods = available;
        return true;
    }
}
