namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>What every two-factor settings page shows: the status this package's pages left for it, and an error.</summary>
public abstract class ManagePageModel : PageModel
{
    /// <summary>
    /// The TempData key of the settings pages' status. Identity UI's pages use "StatusMessage" (ConfirmEmail leaves
    /// "Thank you for confirming your email." there), so a key of our own keeps their words off our pages.
    /// </summary>
    internal const string StatusKey = "IdentityTfa.Manage.Status";

    /// <summary>The confirmation a settings page left before it redirected here, shown once.</summary>
    [TempData(Key = StatusKey)]
    public string? StatusMessage { get; set; }

    /// <summary>Why the last action was refused, in the user's language.</summary>
    public string? ErrorMessage { get; protected internal set; }
}
