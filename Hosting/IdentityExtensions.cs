using IdentityTfa.Shop.Data;
using IdentityTfa.Health;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace IdentityTfa.Shop.Hosting;

/// <summary>Identity with IdentityTfa's text-message and email codes as the second factor.</summary>
public static class IdentityExtensions
{
    public static WebApplicationBuilder AddShopIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddDefaultIdentity<IdentityUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ShopDbContext>()
            .AddIdentityTfa<ShopDbContext>(builder.Configuration);

        // Apps sign in through the token API and get Identity's bearer tokens.
        builder.Services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddIdentityTfaChecks();

        builder.Services.AddTransient<IEmailSender, IdentityEmailSender>();
        builder.Services.AddScoped<IdentityTfa.Shop.Accounts.AccountRegistrar>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }
}
