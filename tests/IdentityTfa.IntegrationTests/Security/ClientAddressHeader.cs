using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Lets a test say which address a request comes from (the test server has none), as a proxy's forwarded header
/// would: the <c>X-Test-Client</c> header becomes the connection's remote address.
/// </summary>
internal sealed class ClientAddressHeader : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new ClientAddressHeader());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
