namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The pages that turn a method on by a code sent to an address: enter the address, "Send code", "Verify", or
/// "Change" to go back to the address field, holding the address sent to.
/// </summary>
public abstract class AddMethodByCodeModel : ManagePageModel
{
    [BindProperty]
    [Display(Name = "Verification code")]
    public string? Code { get; set; }

    /// <summary>What the page says once a code is sent.</summary>
    public string? Sent { get; protected set; }

    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostSendAsync() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostVerifyAsync() => throw new NotImplementedException();

    /// <summary>"Change address" or "Change number": back to the address field, holding the address sent to.</summary>
    public virtual Task<IActionResult> OnPostChangeAsync() => throw new NotImplementedException();
}
