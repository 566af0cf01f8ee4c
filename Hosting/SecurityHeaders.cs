namespace IdentityTfa.Shop.Hosting;

/// <summary>Headers that keep the shop out of frames and stop browsers guessing content types.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseShopSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["X-Frame-Options"] = "DENY";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
            await next();
        });
}
