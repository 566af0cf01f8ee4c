using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Shop.Hosting;

/// <summary>
/// The client's address and scheme from the listed proxies only; in Production every cookie <c>Secure</c> with the
/// <c>__Host-</c> prefix (no subdomain can set or read it), pages redirected from http to https, every other endpoint
/// (token API, Twilio callback, dev inbox) refused over http with 400 so that a client sending secrets over http finds
/// out (OWASP ASVS 5.0 V4.1.2), and HSTS for a year with subdomains. <c>/health/*</c> answers http from loopback and the
/// listed proxies only (load-balancer probes on the internal network). Development and the tests keep working over http.
/// </summary>
public static class TransportSecurity
{
    /// <summary>The prefix browsers accept only on a Secure cookie of path / without a domain.</summary>
    public const string HostPrefix = "__Host-";

    /// <summary>Paths of endpoints that are not pages: never redirected to https, refused over http.</summary>
    public static readonly IReadOnlyList<string> NonPagePaths = ["/api", "/identitytfa", "/dev", "/health"];

    public static WebApplicationBuilder AddShopTransportSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), $"{ProxyOptions.SectionName}:KnownProxies must list IP addresses such as 10.0.0.10.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), $"{ProxyOptions.SectionName}:KnownNetworks must list networks in CIDR notation such as 10.0.0.0/24.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var listed = proxies.Value;
            if (listed.KnownProxies.Count + listed.KnownNetworks.Count == 0)
            {
                return; // ASP.NET Core's default: a proxy on loopback only
            }

            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in listed.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in listed.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        if (builder.Environment.IsProduction())
        {
            builder.Services.ConfigureApplicationCookie(cookie => Harden(cookie, "Identity.Application"));
            builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie => Harden(cookie, "Identity.TwoFactorUserId"));
            builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie => Harden(cookie, "Identity.TwoFactorRememberMe"));
            builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, cookie => Harden(cookie, "Identity.External"));
            builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(tempData =>
            {
                // It carries one-time messages, among them newly made recovery codes (encrypted).
                tempData.Cookie.Name = HostPrefix + "TempData";
                tempData.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                tempData.Cookie.Path = "/";
            });
            builder.Services.AddAntiforgery(antiforgery =>
            {
                antiforgery.Cookie.Name = HostPrefix + "Antiforgery";
                antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                antiforgery.Cookie.Path = "/";
            });
            builder.Services.AddHttpsRedirection(https =>
            {
                https.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
                https.HttpsPort = builder.Configuration.GetValue<int?>("https_port") ?? 443;
            });
        }

        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true; // ASVS 5.0 V3.4.1 at level 2
        });

        return builder;
    }

    /// <summary>Forwarded headers first (so that everything after sees the client), HSTS outside Development, and in Production the redirect to https.</summary>
    public static WebApplication UseShopTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (app.Environment.IsProduction())
        {
            app.Use((context, next) => context.Request.IsHttps || !IsNonPage(context.Request.Path) || IsInternalProbe(context)
                ? next(context)
                : HttpsRequired(context));
            app.UseWhen(context => !IsInternalProbe(context), https => https.UseHttpsRedirection());
        }

        return app;
    }

    private static bool IsNonPage(PathString path) => NonPagePaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>A health probe from loopback or a listed proxy (after forwarded headers, so the proxy's own request).</summary>
    private static bool IsInternalProbe(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var forwarded = context.RequestServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return IPAddress.IsLoopback(address) || forwarded.KnownProxies.Contains(address) || forwarded.KnownIPNetworks.Any(n => n.Contains(address));
    }

    /// <summary>400 in words, the body unread; the connection is not upgraded, so the client learns its mistake.</summary>
    private static Task HttpsRequired(HttpContext context) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "HTTPS is required.", detail: "This endpoint answers https only; send the request again over https (and treat anything sent over http as exposed).")
            .ExecuteAsync(context);

    private static void Harden(CookieAuthenticationOptions cookie, string name)
    {
        cookie.Cookie.Name = HostPrefix + name;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Cookie.Path = "/";
        cookie.Cookie.Domain = null;
    }
}
