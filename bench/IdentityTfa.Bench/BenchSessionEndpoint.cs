using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IdentityTfa.Bench;

/// <summary>
/// <c>/bench/session?email=…&amp;provider=…</c>: the state the password step leaves (the partial sign-in cookie), an
/// antiforgery token, and a fresh code from the named provider, so that the verify step can be measured on its own
/// without paying for a password hash per request. Only the benchmark's host has it.
/// </summary>
internal sealed class BenchSessionEndpoint : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map("/bench/session", branch => branch.Run(PrepareAsync));
        next(app);
    };

    private static async Task PrepareAsync(HttpContext context)
    {
        // This branch runs before the shop's forwarded-headers step; the driver stands for the TLS-ending proxy, and
        // Production's cookies (partial sign-in, antiforgery) are Secure only.
        context.Request.Scheme = Uri.UriSchemeHttps;

        var users = context.RequestServices.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(context.Request.Query["email"].ToString());
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var provider = context.Request.Query["provider"].ToString();
        if (provider == SingleUseStockProvider.Name)
        {
            // The stock provider's code is a function of the security stamp and a three-minute window: an account that
            // comes round again within it would get the code it already used, which the single-use provider refuses.
            // A new stamp gives a fresh code, as a fresh sign-in's code from our provider is.
            // Before the partial sign-in, which is bound to the stamp.
            await users.UpdateSecurityStampAsync(user);
        }

        // What SignInManager stores after a correct password when a second factor is due.
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        await context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));

        var code = provider.Length == 0 ? null : await users.GenerateTwoFactorTokenAsync(user, provider);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        await context.Response.WriteAsJsonAsync(new BenchSession(code, tokens.RequestToken!, user.PhoneNumber));
    }
}

/// <summary>What <see cref="BenchSessionEndpoint"/> answers.</summary>
internal sealed record BenchSession(string? Code, string Token, string? Phone);
