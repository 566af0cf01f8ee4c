using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Passkeys;

/// <summary>
/// The origin a passkey answer must come from: the site's own (the request's scheme, host and port, the host being one
/// the host filter allows), never a cross-origin frame. Identity's default compares with the request's <c>Origin</c>
/// header, which a browser sends as <c>null</c> on a form post when the page's referrer policy is <c>no-referrer</c>
/// (as this package's pages send), so passkeys would never be accepted.
/// </summary>
internal static class PasskeyOrigin
{
    public static ValueTask<bool> IsSameSiteAsync(PasskeyOriginValidationContext context)
    {
        var request = context.HttpContext.Request;
        var same = !context.CrossOrigin
            && Uri.TryCreate(context.Origin, UriKind.Absolute, out var origin)
            && string.IsNullOrEmpty(origin.PathAndQuery.TrimStart('/'))
            && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var site)
            && Uri.Compare(origin, site, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        return ValueTask.FromResult(same);
    }
}
