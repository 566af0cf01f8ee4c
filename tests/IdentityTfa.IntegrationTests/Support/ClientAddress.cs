using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>
/// The test server's stand-in for the network: a request's <see cref="Header"/> becomes the address it comes from (the
/// test server has none of its own; <paramref name="otherwise"/> stands for requests without it), and after the shop's
/// pipeline the address and scheme the shop saw are recorded.
/// </summary>
public sealed class ClientAddress(IPAddress? otherwise = null) : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    /// <summary>What the shop saw of each request, after its forwarded-headers handling.</summary>
    public ConcurrentQueue<(IPAddress? Address, string Scheme)> Seen { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                context.Request.Headers.Remove(Header);
            }
            else if (otherwise is not null)
            {
                context.Connection.RemoteIpAddress = otherwise;
            }

            await following(context);
            Seen.Enqueue((context.Connection.RemoteIpAddress, context.Request.Scheme));
        });
        next(app);
    };
}
