using IdentityTfa.Authenticator;
using QRCoder;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Turns on the authenticator app: a QR code (a PNG from this page's QrCode handler, as the CSP allows no data: address)
/// and the key in groups of four for typing, then a first code from the app to prove it holds the key.
/// </summary>
[RequireRecentAuthentication]
[TwoFactorDefaultUI(typeof(EnableAuthenticatorModel<>))]
public abstract class EnableAuthenticatorModel : ManagePageModel
{
    [BindProperty]
    [Display(Name = "Verification code")]
    public string? Code { get; set; }

    /// <summary>The key in groups of four, for typing into the app.</summary>
    public string GroupedKey { get; protected set; } = string.Empty;

    /// <summary>The key's <c>otpauth://</c> address: a link that opens the app on the phone the page is read on, which cannot scan its own screen.</summary>
    public string AppLink { get; protected set; } = string.Empty;

    /// <summary>Why the admin area sent an admin here, when it did; else null.</summary>
    public string? AdminReason { get; protected set; }

    /// <summary>Shows the key; <paramref name="adminMustEnrol"/> when the admin area sent an admin who must have the app.</summary>
    public virtual Task<IActionResult> OnGetAsync(bool adminMustEnrol = false) => throw new NotImplementedException();

    /// <summary>The QR code of the key's <c>otpauth://</c> address, as a PNG.</summary>
    public virtual Task<IActionResult> OnGetQrCodeAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

/// <summary>Generic as Identity UI's pages are, so the page is served the same way for any user type.</summary>
internal sealed class EnableAuthenticatorModel<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    ITwoFactorMethodManager<TUser> methods,
    ITwoFactorAdministration<TUser> administration,
    ISitePolicyStore policies,
    IRecentAuthentication recent,
    IStringLocalizer<ManageText> t) : EnableAuthenticatorModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync(bool adminMustEnrol = false) => this.WhenOfferedAsync(users, administration, async user =>
    {
        if (await IsOnAsync(user) || !await IsAllowedAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        // The methods the role's rule counts, by name: the app is one of them (the admin area sends here only then).
        AdminReason = adminMustEnrol
            ? RoleMethodWords.Needs(t, await SiteMethods.RequiredForAsync(users, user, await policies.GetAsync(HttpContext.RequestAborted)) ?? SiteMethods.Strong)
            : null;
        return await ShowAsync(user);
    });

    /// <summary>Whether the site policy lets this user use the app (customers may be limited to other methods).</summary>
    private async Task<bool> IsAllowedAsync(TUser user) =>
        (await SiteMethods.AllowedForAsync(users, user, await policies.GetAsync(HttpContext.RequestAborted))).Contains(DeliveryChannel.Authenticator);

    public override Task<IActionResult> OnGetQrCodeAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        if (await IsOnAsync(user))
        {
            return NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(await KeyUriAsync(user, await methods.GetAuthenticatorKeyAsync(user, HttpContext.RequestAborted)), QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        // The key is in the picture: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        return File(png, "image/png");
    });

    public override Task<IActionResult> OnPostAsync() => this.WhenOfferedAsync(users, administration, async user =>
    {
        if (await IsOnAsync(user) || !await IsAllowedAsync(user))
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 32)
        {
            ErrorMessage = t["Enter the 6-digit code your app shows."];
            return await ShowAsync(user);
        }

        // For a user who must use a strong method, the new app counts as "signed in with it" only on the first strong
        // enrolment (the admin sent here to add it) or when this session was already recent with a strong method:
        // otherwise a text or email code could swap the admin's app for its own and open the admin area.
        var counted = await SiteMethods.RequiredForAsync(users, user, await policies.GetAsync(HttpContext.RequestAborted));
        var signedInWithIt = counted is null
            || !(await methods.GetMethodsAsync(user, HttpContext.RequestAborted)).Any(m => counted.Contains(m.Channel))
            || await recent.CheckAsync(User, HttpContext.RequestAborted) == RecentAuthenticationState.Recent;
        if (!await methods.EnableAuthenticatorAsync(user, Code, HttpContext.RequestAborted))
        {
            ErrorMessage = t["That code is not right. Check that the app shows this account, and enter its current code."];
            return await ShowAsync(user);
        }

        // The code just entered proves the app, a factor the account now has: it counts as a recent second factor.
        await signIn.RefreshAfterNewFactorAsync(user, HttpContext, signedInWithIt ? DeliveryChannel.Authenticator : null);
        return await this.FinishAsync(user, methods, t["Your authenticator app is set up. Two-factor sign-in with it is on."]);
    });

    /// <summary>The key's <c>otpauth://</c> address, with the site's name and the account's, as the QR code and the app link carry it.</summary>
    private async Task<string> KeyUriAsync(TUser user, string key)
    {
        var options = (await policies.GetAsync(HttpContext.RequestAborted)).Options;
        var issuer = string.IsNullOrWhiteSpace(options.Authenticator.Issuer) ? options.CompanyName : options.Authenticator.Issuer;
        var account = await users.GetEmailAsync(user) ?? await users.GetUserNameAsync(user) ?? string.Empty;
        return AuthenticatorCodes.Uri(issuer, account, key, options.Authenticator);
    }

    private async Task<bool> IsOnAsync(TUser user) =>
        (await methods.GetMethodsAsync(user, HttpContext.RequestAborted)).Any(m => m.Channel == DeliveryChannel.Authenticator);

    private async Task<IActionResult> ShowAsync(TUser user)
    {
        var hadKey = !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
        var key = await methods.GetAuthenticatorKeyAsync(user, HttpContext.RequestAborted);
        GroupedKey = AuthenticatorCodes.Grouped(key);
        AppLink = await KeyUriAsync(user, key);
        if (!hadKey)
        {
            // Identity changes the security stamp with a new key; this session is renewed with it (keeping how and
            // when it signed in), or the next stamp check would sign the user out while they type the app's code.
            await signIn.RefreshSignInAsync(user);
        }

        Code = null;
        ModelState.Clear();
        return Page();
    }
}
