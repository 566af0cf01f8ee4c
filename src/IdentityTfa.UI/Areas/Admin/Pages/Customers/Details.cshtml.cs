using IdentityTfa.Delivery.Twilio.Lookup;

namespace IdentityTfa.UI.Areas.Admin.Pages.Customers;

/// <summary>
/// One customer: the 2FA toggle, method, reset, devices and lockout. Each action is audited and the customer told by
/// email; turning off, resetting and revoking first ask "Are you sure?" on the page itself, so it works without script.
/// </summary>
[TwoFactorDefaultUI(typeof(DetailsModel<>))]
public abstract class DetailsModel : PageModel
{
    /// <summary>The <see cref="Confirm"/> value that asks before turning two-factor sign-in off.</summary>
    public const string ConfirmTurnOff = "off";

    /// <summary>The <see cref="Confirm"/> value that asks before a reset.</summary>
    public const string ConfirmReset = "reset";

    /// <summary>The <see cref="Confirm"/> value that asks before revoking trusted devices.</summary>
    public const string ConfirmRevoke = "revoke";

    /// <summary>The destructive action the admin chose and must now confirm, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    /// <summary>The customer shown.</summary>
    internal CustomerDetails Customer { get; private protected set; } = new(string.Empty, string.Empty, false, [], 0, null, []);

    /// <summary>The result of the last action, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Why the action asked for was refused.</summary>
    public string? ErrorMessage { get; protected set; }

    /// <summary>The last Twilio Lookup of the customer's phone and what it decided, or null when there was none.</summary>
    internal LastNumberLookup? LastLookup { get; private protected set; }

    /// <summary>The customer's passkeys, the newest first, each removable on its own.</summary>
    internal IReadOnlyList<IdentityTfa.Passkeys.PasskeyInfo> Passkeys { get; private protected set; } = [];

    /// <summary>Shows the customer, and the confirmation step when one is asked for.</summary>
    public virtual Task<IActionResult> OnGetAsync(string id) => throw new NotImplementedException();

    /// <summary>Turns two-factor sign-in on or off.</summary>
    public virtual Task<IActionResult> OnPostToggleAsync(string id, bool enabled) => throw new NotImplementedException();

    /// <summary>Makes <paramref name="channel"/> the customer's method.</summary>
    public virtual Task<IActionResult> OnPostMethodAsync(string id, DeliveryChannel channel) => throw new NotImplementedException();

    /// <summary>Removes one of the customer's methods.</summary>
    public virtual Task<IActionResult> OnPostRemoveMethodAsync(string id, DeliveryChannel channel) => throw new NotImplementedException();

    /// <summary>Removes one of the customer's passkeys (<paramref name="passkeyId"/> as listed in <see cref="Passkeys"/>).</summary>
    public virtual Task<IActionResult> OnPostRemovePasskeyAsync(string id, string passkeyId) => throw new NotImplementedException();

    /// <summary>Removes methods, recovery codes and trusted devices.</summary>
    public virtual Task<IActionResult> OnPostResetAsync(string id) => throw new NotImplementedException();

    /// <summary>Ends the trust of every browser of the customer.</summary>
    public virtual Task<IActionResult> OnPostRevokeDevicesAsync(string id) => throw new NotImplementedException();

    /// <summary>Ends a lockout.</summary>
    public virtual Task<IActionResult> OnPostUnlockAsync(string id) => throw new NotImplementedException();
}

internal sealed class DetailsModel<TUser>(
    UserManager<TUser> users,
    ICustomerDirectory<TUser> customers,
    ITwoFactorAdministration<TUser> admin,
    INumberLookupHistory<TUser> lookups,
    IdentityTfa.Passkeys.PasskeyManager<TUser> passkeys,
    IStringLocalizer<AdminText> T) : DetailsModel
    where TUser : class
{
    public override async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public override Task<IActionResult> OnPostToggleAsync(string id, bool enabled) => ActAsync(id, async (customer, email) =>
        await admin.SetEnabledAsync(customer, enabled, AdminId, HttpContext.RequestAborted)
            ? Done(enabled ? T["Two-factor sign-in is on for {0}.", email] : T["Two-factor sign-in is off for {0}.", email])
            : Refused(T["Two-factor sign-in needs a method: set one first."]));

    public override Task<IActionResult> OnPostMethodAsync(string id, DeliveryChannel channel) => ActAsync(id, async (customer, email) =>
        await admin.SetMethodAsync(customer, channel, AdminId, HttpContext.RequestAborted)
            ? Done(T["{0} now gets codes by {1}.", email, T[AdminWords.MethodPhrase(channel)]])
            : Refused(T["The customer has no verified contact for that method."]));

    public override Task<IActionResult> OnPostRemoveMethodAsync(string id, DeliveryChannel channel) => ActAsync(id, async (customer, email) =>
        await admin.RemoveMethodAsync(customer, channel, AdminId, HttpContext.RequestAborted)
            ? Done(T["{0} was removed from {1}.", T[AdminWords.MethodPhrase(channel)], email])
            : Refused(T["The customer does not have that method."]));

    public override Task<IActionResult> OnPostRemovePasskeyAsync(string id, string passkeyId) => ActAsync(id, async (customer, email) =>
        (await passkeys.ListAsync(customer)).FirstOrDefault(p => p.Id == passkeyId) is { } passkey
        && await admin.RemovePasskeyAsync(customer, passkeyId, AdminId, HttpContext.RequestAborted)
            ? Done(T["The passkey \"{0}\" was removed from {1}.", passkey.Name, email])
            : Refused(T["The customer does not have that passkey."]));

    public override Task<IActionResult> OnPostResetAsync(string id) => ActAsync(id, async (customer, email) =>
    {
        await admin.ResetAsync(customer, AdminId, HttpContext.RequestAborted);
        return Done(T["Two-factor sign-in of {0} was reset.", email]);
    });

    public override Task<IActionResult> OnPostRevokeDevicesAsync(string id) => ActAsync(id, async (customer, email) =>
        Done(T["{0} trusted devices of {1} were revoked.", await admin.RevokeDevicesAsync(customer, AdminId, HttpContext.RequestAborted), email]));

    public override Task<IActionResult> OnPostUnlockAsync(string id) => ActAsync(id, async (customer, email) =>
    {
        await admin.UnlockAsync(customer, AdminId, HttpContext.RequestAborted);
        return Done(T["{0} was unlocked.", email]);
    });

    private string AdminId => users.GetUserId(User) ?? throw new InvalidOperationException("No admin is signed in.");

    private static (bool Ok, string Message) Done(string message) => (true, message);

    private static (bool Ok, string Message) Refused(string message) => (false, message);

    private async Task<IActionResult> ActAsync(string id, Func<TUser, string, Task<(bool Ok, string Message)>> action)
    {
        if (await users.FindByIdAsync(id) is not { } customer)
        {
            return NotFound();
        }

        var (ok, message) = await action(customer, await users.GetEmailAsync(customer) ?? id);
        if (ok)
        {
            StatusMessage = message;
            return RedirectToPage(new { id });
        }

        ErrorMessage = message;
        Confirm = null;
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await customers.FindAsync(id, HttpContext.RequestAborted) is not { } customer)
        {
            return false;
        }

        Customer = customer;
        var user = await users.FindByIdAsync(id);
        LastLookup = user is not null ? await lookups.GetLastLookupAsync(user, HttpContext.RequestAborted) : null;
        Passkeys = user is not null ? await passkeys.ListAsync(user) : [];
        return true;
    }
}
