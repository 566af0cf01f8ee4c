using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Configuration;

/// <summary>
/// Absolute links for mail. The request's Host header is chosen by whoever sends the request, so a link built from it
/// could point a reset or confirmation token at an attacker's host; links start from <see cref="TwoFactorOptions.PublicBaseUrl"/>.
/// </summary>
internal sealed class PublicLinks(IOptionsMonitor<TwoFactorOptions> options)
{
    /// <summary>
    /// The absolute link to <paramref name="appPath"/>, a path under the app's root as the request sees it (it may begin
    /// with the request's path base, which is then replaced by the configured base).
    /// </summary>
    public string For(HttpRequest request, string appPath)
    {
        var path = request.PathBase.HasValue && appPath.StartsWith(request.PathBase.Value!, StringComparison.OrdinalIgnoreCase)
            ? appPath[request.PathBase.Value!.Length..]
            : appPath;
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        var configured = options.CurrentValue.PublicBaseUrl;

        // Outside Production an unset base falls back to the request's address, which AllowedHosts filters.
        var root = string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}"
            : configured.TrimEnd('/');
        return root + path;
    }

    internal static bool IsValidBase(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);
}
