namespace IdentityTfa.UI.Text;

/// <summary>
/// The resource of each group of pages (<c>Resources/Text/{Name}.resx</c>, <c>.es.resx</c>, <c>.de.resx</c>): every word
/// a page shows comes from one of them through <c>IStringLocalizer&lt;T&gt;</c>, and each page model's validation
/// messages from the resource of its namespace.
/// </summary>
internal static class UIText
{
    /// <summary>The resource type for a page model's validation messages, or null for a type outside this package.</summary>
    public static Type? ResourceFor(Type modelType)
    {
        if (modelType.Assembly != typeof(UIText).Assembly)
        {
            return null;
        }

        // An input model nested in a page model takes its page's resource.
        if ((modelType.DeclaringType ?? modelType).GetCustomAttributes(typeof(PageTextAttribute), inherit: true) is [PageTextAttribute page, ..])
        {
            return page.Resource;
        }

        var ns = modelType.Namespace ?? string.Empty;
        return ns.Contains(".Admin", StringComparison.Ordinal) ? typeof(AdminText)
            : ns.EndsWith(".Manage", StringComparison.Ordinal) ? typeof(ManageText)
            : ns.Contains(".Account", StringComparison.Ordinal) ? typeof(AccountText)
            : typeof(LayoutText);
    }
}

/// <summary>Words of the sign-in pages: password step, verify screen, recovery code, registration, step-up; and the library's send and verify results.</summary>
internal sealed class AccountText;

/// <summary>Words of the two-factor settings pages.</summary>
internal sealed class ManageText;

/// <summary>Words of the admin pages.</summary>
internal sealed class AdminText;

/// <summary>Words of the layouts, the footer and the restyled stock Identity pages.</summary>
internal sealed class LayoutText;
