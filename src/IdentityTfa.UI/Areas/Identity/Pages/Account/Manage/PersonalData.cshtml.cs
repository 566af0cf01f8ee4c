namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>Identity UI's "Personal data" page in this package's design and words: the way to download the data or delete the account.</summary>
[TwoFactorDefaultUI(typeof(PersonalDataModel<>))]
public abstract class PersonalDataModel : ManagePageModel
{
    public virtual Task<IActionResult> OnGetAsync() => throw new NotImplementedException();
}

internal sealed class PersonalDataModel<TUser>(UserManager<TUser> users) : PersonalDataModel
    where TUser : class
{
    public override Task<IActionResult> OnGetAsync() => this.WithUserAsync(users, _ => Task.FromResult<IActionResult>(Page()));
}
