using System.Globalization;
using Microsoft.Extensions.Localization;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>
/// The English keys themselves, for callers of the shared messages (<see cref="CodeMessages"/>, <see cref="ChannelText"/>,
/// <see cref="LockoutMessage"/>) that do not pass a localizer yet.
/// </summary>
internal sealed class UntranslatedText : IStringLocalizer
{
    public static readonly UntranslatedText Instance = new();

    public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, name, arguments), resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
