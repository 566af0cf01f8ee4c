using System.Text.Json;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Identity UI's personal-data download, with Identity UI's behaviour: a JSON file of the user's [PersonalData]
/// properties, external logins and authenticator key. Only a POST downloads, so a link elsewhere cannot start one.
/// </summary>
[TwoFactorDefaultUI(typeof(DownloadPersonalDataModel<>))]
public abstract class DownloadPersonalDataModel : ManagePageModel
{
    public virtual IActionResult OnGet() => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class DownloadPersonalDataModel<TUser>(UserManager<TUser> users) : DownloadPersonalDataModel
    where TUser : class
{
    /// <summary>The file's name, as Identity UI names it.</summary>
    private const string FileName = "PersonalData.json";

    public override IActionResult OnGet() => NotFound();

    public override Task<IActionResult> OnPostAsync() => this.WithUserAsync(users, async user =>
    {
        // The JSON's names are the data's own (property and provider names), not words for the user, as in Identity UI.
        var data = new Dictionary<string, string?>();
        foreach (var property in typeof(TUser).GetProperties().Where(p => p.IsDefined(typeof(PersonalDataAttribute))))
        {
            data[property.Name] = property.GetValue(user)?.ToString() ?? "null";
        }

        foreach (var login in await users.GetLoginsAsync(user))
        {
            data[$"{login.LoginProvider} external login provider key"] = login.ProviderKey;
        }

        // Unlike Identity UI's download, not the authenticator key: it is a live second factor, and whoever holds a
        // session (a stolen cookie, a trusted browser) could take it and make codes from then on.
        data["Authenticator Key"] = string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)) ? "not set" : "set (not exported)";
        return File(JsonSerializer.SerializeToUtf8Bytes(data), "application/json", FileName);
    });
}
