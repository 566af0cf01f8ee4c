using IdentityTfa.UI;
using IdentityTfa.UI.Admin;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds IdentityTfa's pages to an ASP.NET Core Identity set-up.</summary>
public static class TwoFactorUIBuilderExtensions
{
    /// <summary>
    /// Serves IdentityTfa's Razor pages (sign-in with a code, the verify screen, enrolment, two-factor settings and,
    /// behind <see cref="TwoFactorUIOptions.AdminPolicy"/>, the admin pages) for the builder's user type. Call it
    /// after <c>AddIdentityTfa</c>; where Identity UI has a page at the same path, this package's is served.
    /// </summary>
    public static IdentityBuilder AddIdentityTfaUI(this IdentityBuilder builder, Action<TwoFactorUIOptions>? configure = null)
    {
        var services = builder.Services;
        var userType = builder.UserType;
        services.AddOptions<TwoFactorUIOptions>().Configure(options => configure?.Invoke(options));

        var provider = new TwoFactorPagesFeatureProvider();
        services.AddLocalization();
        services.AddRazorPages().AddDataAnnotationsLocalization().ConfigureApplicationPartManager(parts =>
        {
            if (!parts.ApplicationParts.Any(p => p is AssemblyPart assembly && assembly.Assembly == typeof(TwoFactorPagesFeatureProvider).Assembly))
            {
                foreach (var part in new CompiledRazorAssemblyApplicationPartFactory().GetApplicationParts(typeof(TwoFactorPagesFeatureProvider).Assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            }

            parts.FeatureProviders.Add(provider);
        });

        // Identity UI may add its own view provider after this call; ours must decide last.
        services.AddOptions<MvcOptions>().PostConfigure<ApplicationPartManager>((_, parts) =>
        {
            parts.FeatureProviders.Remove(provider);
            parts.FeatureProviders.Add(provider);
        });

        services.TryAddScoped(typeof(IdentityTfa.UI.Areas.Identity.Pages.Account.AccountRegistrar<>).MakeGenericType(userType));

        // Validation messages of this package's page models come from its resources; the app's own keep its choice.
        services.AddOptions<MvcDataAnnotationsLocalizationOptions>().PostConfigure(options =>
        {
            var appProvider = options.DataAnnotationLocalizerProvider;
            options.DataAnnotationLocalizerProvider = (type, factory) =>
                UIText.ResourceFor(type) is { } resource ? factory.Create(resource) : appProvider(type, factory);
        });

        services.TryAddScoped<RecentAuthenticationPageFilter>();
        var adminFilter = typeof(AdminSessionFilter<>).MakeGenericType(userType);
        services.TryAddScoped(adminFilter);
        services.AddOptions<RazorPagesOptions>().Configure<IOptions<TwoFactorUIOptions>>((pages, ui) =>
        {
            pages.Conventions.Add(new TwoFactorPageModelConvention(userType));

            // Pages that change the password, email or second factor need a recent second factor (RequireRecentAuthentication).
            pages.Conventions.Add(new RecentAuthenticationConvention());

            // A checkbox posted as "maybe" redraws its page with a message, not a 500, on every page of this package.
            var checkboxes = new InvalidCheckboxFilter();
            pages.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/", model => model.Filters.Add(checkboxes));
            pages.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/", model => model.Filters.Add(checkboxes));
            if (ui.Value.AdminPolicy is { } policy)
            {
                pages.Conventions.AuthorizeAreaFolder("Admin", "/", policy);
                pages.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/", model => model.Filters.Add(new ServiceFilterAttribute(adminFilter)));
            }
            else
            {
                pages.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/", model => model.Filters.Add(new AdminAreaOffFilter()));
            }
        });

        return builder;
    }
}
