using IdentityTfa.Shop.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace IdentityTfa.Shop.Hosting;

/// <summary>Identity with IdentityTfa's text-message and email codes as the second factor.</summary>
public static class IdentityExtensions
{
    /// <summary>The shop's policy for IdentityTfa's admin pages: role Admin.</summary>
    public const string AdminPolicyName = "ShopAdmin";

    public static WebApplicationBuilder AddShopIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicyName, policy => policy.RequireRole(AdminSeeder.AdminRole));
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
            .AddIdentityTfa<ShopDbContext>(builder.Configuration)
            .AddIdentityTfaUI(ui =>
            {
                ui.Layout = "/Pages/Shared/_Layout.cshtml";
                ui.AdminPolicy = AdminPolicyName;
            });

        // Apps sign in through the token API and get Identity's bearer tokens.
        builder.Services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddIdentityTfaChecks();

        builder.Services.AddTransient<IEmailSender, IdentityEmailSender>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }
}
