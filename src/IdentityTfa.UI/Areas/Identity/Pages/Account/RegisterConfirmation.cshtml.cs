using System.Text;
using IdentityTfa.UI.Infrastructure;
using IdentityTfa.UI.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's "check your email" after registering, in this package's design and languages.</summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TfaDefaultUI(typeof(RegisterConfirmationModel<>))]
public abstract class RegisterConfirmationModel : PageModel
{
    public string Email { get; protected set; } = string.Empty;

    /// <summary>
    /// The confirmation link itself, shown only while the app has no real email sender (Identity UI's no-op one), so that
    /// a developer can still finish a registration; never in an app that sends mail.
    /// </summary>
    public string? ConfirmationLink { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync(string? email, string? returnUrl = null) => throw new NotImplementedException();
}

internal sealed class RegisterConfirmationModel<TUser>(UserManager<TUser> users, IEmailSender emailSender) : RegisterConfirmationModel where TUser : class
{
    // Identity UI's stand-in sender is internal; its name is how Identity UI's own page tells it apart, in effect.
    private const string NoOpEmailSender = "Microsoft.AspNetCore.Identity.UI.Services.NoOpEmailSender";

    public override async Task<IActionResult> OnGetAsync(string? email, string? returnUrl = null)
    {
        if (string.IsNullOrEmpty(email))
        {
            return LocalRedirect(Url.Content("~/"));
        }

        Email = email;
        if (emailSender.GetType().FullName == NoOpEmailSender && await users.FindByEmailAsync(email) is { } user)
        {
            var userId = await users.GetUserIdAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            ConfirmationLink = Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { area = "Identity", userId, code, returnUrl = Url.LocalOrHome(returnUrl) }, protocol: Request.Scheme);
        }

        return Page();
    }
}
