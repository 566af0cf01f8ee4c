using IdentityTfa.Challenges;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Data;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.DevInbox;
using IdentityTfa.Devices;
using IdentityTfa.Notices;
using IdentityTfa.RecoveryCodes;
using IdentityTfa.Registration;
using Microsoft.AspNetCore.Authentication.Cookies;
using IdentityTfa.Methods;
using IdentityTfa.Phones;
using IdentityTfa.Sending;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityTfa;

/// <summary>The one way in: adds IdentityTfa to an ASP.NET Core Identity set-up.</summary>
public static class IdentityTfaBuilderExtensions
{
    /// <summary>
    /// Adds text-message and email codes as Identity two-factor providers, with options bound from <paramref name="configuration"/>
    /// (the <c>IdentityTfa</c> section) and validated at start-up. <typeparamref name="TContext"/> is the application's
    /// <see cref="DbContext"/>, whose model calls <see cref="ModelBuilderExtensions.AddIdentityTfaModel"/>.
    /// </summary>
    public static IdentityBuilder AddIdentityTfa<TContext>(this IdentityBuilder builder, IConfiguration configuration, Action<IdentityTfaOptions>? configure = null)
        where TContext : DbContext
    {
        var services = builder.Services;
        var userType = builder.UserType;

        services.AddOptions<IdentityTfaOptions>()
            .Bind(configuration.GetSection(IdentityTfaOptions.SectionName))
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityTfaOptions>, IdentityTfaOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.TryAddScoped(sp => new TfaDbContextAccessor(sp.GetRequiredService<TContext>()));
        services.TryAddSingleton<CodeGenerator>();
        services.TryAddSingleton<CodeHashKeyProvider>();
        services.TryAddSingleton<CodeHasher>();
        services.TryAddSingleton<MessageComposer>();
        services.TryAddSingleton<IPhoneNumberParser, LibPhoneNumberParser>();
        services.TryAddScoped<ChallengeStore>();
        services.TryAddScoped<TwoFactorMethodStore>();
        services.TryAddScoped<VerificationOutcome>();
        services.TryAddScoped<CodeDelivery>();
        services.TryAddScoped<TrustedDeviceStore>();
        services.TryAddScoped<RecoveryCodeStore>();
        services.TryAddScoped<AccountNoticeSender>();
        services.TryAddScoped<IRegistrationCodeService, RegistrationCodeService>();
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, TrustedDeviceCookieSetup>());
        services.TryAddScoped(typeof(ITrustedDeviceCookieHandler), typeof(TrustedDeviceCookieHandler<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(ITrustedDeviceManager<>).MakeGenericType(userType), typeof(TrustedDeviceManager<>).MakeGenericType(userType));

        // Identity's UserManager with recovery codes stored as keyed hashes instead of in clear.
        var userManagerType = typeof(UserManager<>).MakeGenericType(userType);
        var tfaUserManagerType = typeof(TfaUserManager<>).MakeGenericType(userType);
        services.Replace(ServiceDescriptor.Scoped(userManagerType, tfaUserManagerType));

        services.TryAddScoped<MessageChannelRouter>();
        services.TryAddScoped<IMessageDispatcher>(sp => sp.GetRequiredService<MessageChannelRouter>());

        AddDevInboxFallback(services, DeliveryChannel.Sms, DeliveryChannel.Email);

        services.TryAddScoped(typeof(ITwoFactorCodeSender<>).MakeGenericType(userType), typeof(TwoFactorCodeSender<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(ITwoFactorMethodManager<>).MakeGenericType(userType), typeof(TwoFactorMethodManager<>).MakeGenericType(userType));

        builder.AddTokenProvider(TwoFactorProviderNames.Sms, typeof(SmsChallengeTokenProvider<>).MakeGenericType(userType));
        builder.AddTokenProvider(TwoFactorProviderNames.Email, typeof(EmailChallengeTokenProvider<>).MakeGenericType(userType));
        services.Configure<IdentityOptions>(options =>
        {
            // Phone number changes are proven by our single-use codes, and Identity's replayable time-window phone
            // provider is taken out so that it can never serve as a second factor.
            options.Tokens.ChangePhoneNumberTokenProvider = TwoFactorProviderNames.Sms;
            options.Tokens.ProviderMap.Remove("Phone");
        });

        return builder;
    }

    private static void AddDevInboxFallback(IServiceCollection services, params DeliveryChannel[] channels)
    {
        services.AddOptions<DevInboxOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DevInboxOptions>, DevInboxGuard>());
        foreach (var channel in channels)
        {
            services.Configure<DevInboxOptions>(o => o.Channels.Add(channel));

            // The last resort: the router prefers any real provider registered for the same channel.
            services.AddScoped<IMessageChannel>(sp => new DevInboxChannel(channel, sp.GetRequiredService<TfaDbContextAccessor>(), sp.GetRequiredService<TimeProvider>()));
        }
    }
}
