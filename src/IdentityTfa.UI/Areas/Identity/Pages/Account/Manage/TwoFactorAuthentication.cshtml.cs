using IdentityTfa.Delivery;
using IdentityTfa.Devices;
using IdentityTfa.Methods;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>The status of the shopper's two-factor sign-in, with the preferred-method chooser and links to each change.</summary>
public class TwoFactorAuthenticationModel(
    UserManager<IdentityUser> users,
    ITwoFactorMethodManager<IdentityUser> methods,
    ITrustedDeviceManager<IdentityUser> devices,
    IdentityTfa.Administration.ITwoFactorAdministration<IdentityUser> administration) : PageModel
{
    /// <summary>False when the site does not let customers use two-factor sign-in (and this user is not staff).</summary>
    public bool Offered { get; private set; } = true;

    /// <summary>Why the user was sent here to enrol, if they were.</summary>
    public string? MustEnrolMessage { get; private set; }

    public const int FewRecoveryCodes = 3;

    public IReadOnlyList<TwoFactorMethodInfo> Methods { get; private set; } = [];

    public bool IsTwoFactorEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public int TrustedDeviceCount { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? ErrorMessage { get; private set; }

    public bool IsOn(DeliveryChannel channel) => Methods.Any(m => m.Channel == channel);

    public async Task<IActionResult> OnGetAsync(bool mustEnrol = false, bool adminMustEnrol = false)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        MustEnrolMessage = adminMustEnrol
            ? "The admin area needs two-factor sign-in. Turn it on to continue."
            : mustEnrol ? "Your account must use two-factor sign-in. Turn it on to continue." : null;

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostPreferredAsync(DeliveryChannel channel)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await methods.SetPreferredAsync(user, channel, HttpContext.RequestAborted))
        {
            ErrorMessage = "Turn that method on before making it your preferred one.";
            await LoadAsync(user);
            return Page();
        }

        StatusMessage = $"{ChannelText.Name(channel)} is now your preferred method.";
        return RedirectToPage();
    }

    private async Task LoadAsync(IdentityUser user)
    {
        Offered = await administration.IsOfferedToAsync(user, HttpContext.RequestAborted);
        Methods = await methods.GetMethodsAsync(user, HttpContext.RequestAborted);
        IsTwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = IsTwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        TrustedDeviceCount = (await devices.ListAsync(user, HttpContext.RequestAborted)).Count;
    }
}
