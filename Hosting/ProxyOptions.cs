namespace IdentityTfa.Shop.Hosting;

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the shop believes, from <c>ForwardedHeaders</c>.</summary>
public sealed class ProxyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, such as <c>10.0.0.10</c>. When this and <see cref="KnownNetworks"/> are empty, only a proxy on this host (loopback) is believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, such as <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
