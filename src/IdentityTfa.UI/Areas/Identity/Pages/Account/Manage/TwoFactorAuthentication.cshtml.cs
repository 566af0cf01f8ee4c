using IdentityTfa.Devices;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>The status of the user's two-factor sign-in, with the preferred-method chooser and links to each change.</summary>
[TwoFactorDefaultUI(typeof(TwoFactorAuthenticationModel<>))]
public abstract class TwoFactorAuthenticationModel : ManagePageModel
{
    public const int FewRecoveryCodes = 3;

    /// <summary>False when the site does not let customers use two-factor sign-in (and this user is not staff).</summary>
    public bool Offered { get; protected set; } = true;

    /// <summary>Why the user was sent here to enrol, if they were.</summary>
    public string? MustEnrolMessage { get; protected set; }

    internal IReadOnlyList<TwoFactorMethodInfo> Methods { get; private protected set; } = [];

    public bool IsTwoFactorEnabled { get; protected set; }

    public int RecoveryCodesLeft { get; protected set; }

    public int TrustedDeviceCount { get; protected set; }

    public bool IsOn(DeliveryChannel channel) => Methods.Any(m => m.Channel == channel);

    /// <summary>The methods the site policy lets this user add; the others are not offered.</summary>
    public IReadOnlyList<DeliveryChannel> Allowed { get; protected set; } = [];

    /// <summary>Whether the site policy lets this user add <paramref name="channel"/>.</summary>
    public bool MayAdd(DeliveryChannel channel) => Allowed.Contains(channel);

    /// <summary>
    /// Whether to suggest a stronger method: email is the only one on, and the app or a phone may be added. The mailbox
    /// that gets the code is the one that resets the password, so it is hardly a second factor. A suggestion, not a wall.
    /// </summary>
    public bool SuggestStronger =>
        Methods.Count > 0 && Methods.All(m => m.Channel == DeliveryChannel.Email)
        && (MayAdd(DeliveryChannel.Authenticator) || MayAdd(DeliveryChannel.Sms) || MayAdd(DeliveryChannel.Voice));

    public virtual Task<IActionResult> OnGetAsync(bool mustEnrol = false, bool adminMustEnrol = false) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostPreferredAsync(DeliveryChannel channel) => throw new NotImplementedException();
}

internal sealed class TwoFactorAuthenticationModel<TUser>(
    UserManager<TUser> users,
    ITwoFactorMethodManager<TUser> methods,
    ITrustedDeviceManager<TUser> devices,
    ITwoFactorAdministration<TUser> administration,
    IdentityTfa.Policy.ISitePolicyStore policies,
    IStringLocalizer<ManageText> t) : TwoFactorAuthenticationModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync(bool mustEnrol = false, bool adminMustEnrol = false) => this.WithUserAsync(users, async user =>
    {
        // A role with a rule of methods is told which count; else the admin area needs any second factor.
        MustEnrolMessage = adminMustEnrol
            ? await IdentityTfa.Policy.SiteMethods.RequiredForAsync(users, user, await policies.GetAsync(HttpContext.RequestAborted)) is { } counted
                ? RoleMethodWords.Needs(t, counted)
                : t["The admin area needs two-factor sign-in. Turn it on to continue."].Value
            : mustEnrol ? t["Your account must use two-factor sign-in. Turn it on to continue."].Value : null;

        await LoadAsync(user);
        return Page();
    });

    public override Task<IActionResult> OnPostPreferredAsync(DeliveryChannel channel) => this.WithUserAsync(users, async user =>
    {
        if (!await methods.SetPreferredAsync(user, channel, HttpContext.RequestAborted))
        {
            ErrorMessage = t["Turn that method on before making it your preferred one."];
            await LoadAsync(user);
            return Page();
        }

        StatusMessage = t["{0} is now your preferred method.", ChannelText.Name(t, channel)];
        return RedirectToPage();
    });

    private async Task LoadAsync(TUser user)
    {
        Offered = await administration.IsOfferedToAsync(user, HttpContext.RequestAborted);
        Methods = await methods.GetMethodsAsync(user, HttpContext.RequestAborted);
        Allowed = await IdentityTfa.Policy.SiteMethods.AllowedForAsync(users, user, await policies.GetAsync(HttpContext.RequestAborted));
        IsTwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = IsTwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        TrustedDeviceCount = (await devices.ListAsync(user, HttpContext.RequestAborted)).Count;
    }
}
