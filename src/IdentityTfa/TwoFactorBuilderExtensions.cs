using Microsoft.AspNetCore.Builder;
using SessionOptions = IdentityTfa.Configuration.SessionOptions;
using System.Net;
using System.Net.Sockets;
using IdentityTfa.Administration;
using IdentityTfa.Api;
using IdentityTfa.Audit;
using IdentityTfa.Challenges;
using IdentityTfa.Policy;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.DevInbox;
using IdentityTfa.Delivery.Smtp;
using IdentityTfa.Delivery.Twilio;
using IdentityTfa.Delivery.Twilio.Lookup;
using IdentityTfa.Devices;
using IdentityTfa.Methods;
using IdentityTfa.Notices;
using IdentityTfa.Phones;
using IdentityTfa.RecoveryCodes;
using IdentityTfa.Registration;
using IdentityTfa.Sending;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using IdentityTfa.Persistence;
using IdentityTfa.Identity;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The one way in: adds IdentityTfa to an ASP.NET Core Identity set-up.</summary>
public static class TwoFactorBuilderExtensions
{
    /// <summary>
    /// Adds text-message, voice-call and email codes as Identity two-factor providers, with options bound from
    /// <paramref name="configuration"/> (the <c>IdentityTfa</c> section) and validated at start-up.
    /// <typeparamref name="TContext"/> is the application's <see cref="DbContext"/>, whose model calls
    /// <see cref="IdentityTfa.EntityFrameworkCore.ModelBuilderExtensions.AddIdentityTfaModel"/>.
    /// </summary>
    public static IdentityBuilder AddIdentityTfa<TContext>(this IdentityBuilder builder, IConfiguration configuration, Action<TwoFactorOptions>? configure = null)
        where TContext : DbContext
    {
        var services = builder.Services;
        var userType = builder.UserType;

        AddOptions(services, configuration, configure);

        // Before anything else starts: the hand-written statements are written for SQLite and PostgreSQL only.
        services.AddHostedService<IdentityTfa.Persistence.DatabaseEngineCheck<TContext>>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.AddHttpContextAccessor();
        services.TryAddScoped(sp => new TwoFactorDbContextAccessor(sp.GetRequiredService<TContext>()));

        services.TryAddSingleton<CodeGenerator>();
        services.TryAddSingleton<CodeHashKeyProvider>();
        services.TryAddSingleton<CodeHasher>();
        services.TryAddSingleton<IdentityTfa.Limits.VerifyRateSetting>();
        services.TryAddSingleton<MessageComposer>();
        services.TryAddSingleton<IPhoneNumberParser, LibPhoneNumberParser>();
        services.TryAddScoped<ChallengeStore>();
        services.TryAddScoped<IdentityTfa.Limits.ResendCooldown>();
        services.TryAddScoped(typeof(IdentityTfa.Policy.TwoFactorCustomers<>));
        services.TryAddScoped<IdentityTfa.Delivery.DeliveryReportReplays>();
        services.TryAddScoped<TwoFactorMethodStore>();
        services.TryAddScoped<IdentityTfa.Authenticator.AuthenticatorSteps>();
        services.TryAddSingleton<IdentityTfa.Passkeys.PasskeyCeremonies>();
        services.TryAddScoped<IdentityTfa.Passkeys.PasskeyProof>();
        services.TryAddScoped(typeof(IPasskeyHandler<>).MakeGenericType(userType), typeof(PasskeyHandler<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(IdentityTfa.Passkeys.PasskeyManager<>).MakeGenericType(userType));
        // The passkey's origin must be the site's own; an app's own check, when it sets one, is kept.
        services.AddOptions<IdentityPasskeyOptions>().PostConfigure(options => options.ValidateOrigin ??= IdentityTfa.Passkeys.PasskeyOrigin.IsSameSiteAsync);
        services.TryAddScoped<VerificationOutcome>();
        services.TryAddScoped<CodeDelivery>();
        services.TryAddScoped<WriteUnit>();
        services.TryAddScoped<IdentityTfa.Maintenance.ExpiredDataPurger>();
        services.AddHostedService<IdentityTfa.Maintenance.PurgeService>();
        services.TryAddScoped<ChallengeTokenProviderServices>();
        services.TryAddScoped<IdentityTfa.Limits.RateLimiter>();
        services.AddIdentityTfaRequestLimiter();
        services.TryAddScoped<IdentityTfa.Limits.SendLimits>();
        services.TryAddScoped<IdentityTfa.Limits.SecondFactorFailures>();
        services.TryAddScoped<TrustedDeviceStore>();
        services.TryAddScoped<RecoveryCodeStore>();
        services.TryAddScoped<AccountNoticeSender>();
        services.TryAddScoped<TakenEmailNotice>();
        services.TryAddScoped<SecurityNotices>();
        services.TryAddScoped<IRegistrationCodeService, RegistrationCodeService>();
        services.TryAddSingleton<ChallengeTickets>();
        services.AddMetrics();
        services.TryAddSingleton<IdentityTfa.Metrics.TwoFactorMetrics>();
        services.TryAddScoped<IAuditLog, AuditLog>();
        services.TryAddScoped<ISitePolicyStore, SitePolicyStore>();
        services.TryAddScoped<MessageChannelRouter>();
        services.TryAddScoped<IMessageDispatcher>(sp => sp.GetRequiredService<MessageChannelRouter>());

        AddProviders(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, TrustedDeviceCookieSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IPostConfigureOptions<CookieAuthenticationOptions>), typeof(IdentityTfa.Sessions.PartialSignInCookieSetup<>).MakeGenericType(userType)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, IdentityTfa.Sessions.SessionLifetimeCookieSetup>());
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptionsMonitor<SessionOptions>>((stamp, sessions) => stamp.ValidationInterval = sessions.CurrentValue.StampCheckInterval);
        services.TryAddScoped(typeof(ITrustedDeviceCookieHandler), typeof(TrustedDeviceCookieHandler<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(ITrustedDeviceManager<>).MakeGenericType(userType), typeof(TrustedDeviceManager<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(ITwoFactorCodeSender<>).MakeGenericType(userType), typeof(TwoFactorCodeSender<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(IdentityTfa.Methods.LastSignInMethod<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(ITwoFactorMethodManager<>).MakeGenericType(userType), typeof(TwoFactorMethodManager<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(INumberLookupHistory<>).MakeGenericType(userType), typeof(NumberLookupHistory<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(ITwoFactorAdministration<>).MakeGenericType(userType), typeof(TwoFactorAdministration<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(ICustomerDirectory<>).MakeGenericType(userType), typeof(CustomerDirectory<>).MakeGenericType(userType));
        services.AddSingleton<IPostConfigureOptions<SecurityStampValidatorOptions>, IdentityTfa.Reauthentication.KeepAuthenticationTimes>();
        services.TryAddScoped(typeof(IAuditLogReader<>).MakeGenericType(userType), typeof(AuditLogReader<>).MakeGenericType(userType));
        services.TryAddScoped(typeof(EmailChangeUndo<>).MakeGenericType(userType));

        // Identity's UserManager, with recovery codes stored as keyed hashes instead of in clear.
        services.Replace(ServiceDescriptor.Scoped(typeof(UserManager<>).MakeGenericType(userType), typeof(TwoFactorUserManager<>).MakeGenericType(userType)));

        // Identity's SignInManager, which also applies the site policy and records sign-ins and lockouts.
        // Call AddIdentityTfa after AddSignInManager (AddIdentity and AddDefaultIdentity add it themselves).
        var signInManagerType = typeof(SignInManager<>).MakeGenericType(userType);
        if (services.Any(d => d.ServiceType == signInManagerType))
        {
            // One instance per request under both names: the pages and the token API call its second step by its own.
            var tfaSignInManagerType = typeof(TwoFactorSignInManager<>).MakeGenericType(userType);
            services.TryAddScoped(tfaSignInManagerType);
            services.Replace(ServiceDescriptor.Scoped(signInManagerType, sp => sp.GetRequiredService(tfaSignInManagerType)));

            // Re-authentication reads how the session signed in, so it comes with the sign-in manager.
            services.TryAddScoped(typeof(IdentityTfa.Reauthentication.IRecentAuthentication), typeof(IdentityTfa.Reauthentication.RecentAuthentication<>).MakeGenericType(userType));

            // So does a passkey as the second step, which completes through the sign-in manager.
            services.TryAddScoped(typeof(IdentityTfa.Passkeys.PasskeySecondStep<>).MakeGenericType(userType));
            services.TryAddScoped(typeof(IdentityTfa.Passkeys.PasskeyPasswordless<>).MakeGenericType(userType));
        }

        builder.AddTokenProvider(TwoFactorProviderNames.Sms, typeof(SmsChallengeTokenProvider<>).MakeGenericType(userType));
        builder.AddTokenProvider(TwoFactorProviderNames.Voice, typeof(VoiceChallengeTokenProvider<>).MakeGenericType(userType));
        builder.AddTokenProvider(TwoFactorProviderNames.Email, typeof(EmailChallengeTokenProvider<>).MakeGenericType(userType));
        // Replaces Identity's authenticator provider, whose codes may be used again within their time window.
        builder.AddTokenProvider(TwoFactorProviderNames.Authenticator, typeof(AuthenticatorChallengeTokenProvider<>).MakeGenericType(userType));
        // Passkeys: a provider that accepts only an assertion checked in the same request (Passkeys/PasskeySecondStep).
        builder.AddTokenProvider(TwoFactorProviderNames.Passkey, typeof(IdentityTfa.Passkeys.PasskeyTokenProvider<>).MakeGenericType(userType));
        services.Configure<IdentityOptions>(options =>
        {
            // Phone number changes are proven by our single-use codes, and Identity's replayable time-window phone
            // provider is taken out so that it can never serve as a second factor.
            options.Tokens.ChangePhoneNumberTokenProvider = TwoFactorProviderNames.Sms;
            options.Tokens.ProviderMap.Remove("Phone");

            // Identity's schema version 3 adds the passkey table (AspNetUserPasskeys), which passkeys as a second
            // factor need; an app's EF migration adds it.
            options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        });

        return builder;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration, Action<TwoFactorOptions>? configure)
    {
        services.AddOptions<TwoFactorOptions>()
            .Bind(configuration.GetSection(TwoFactorOptions.SectionName))
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwoFactorOptions>, TwoFactorOptionsValidator>());
        services.TryAddSingleton<PublicLinks>();

        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>());

        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());

        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());

        services.AddOptions<DeliveryCheckOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryCheckOptions>, DevInboxGuard>());
    }

    private static void AddProviders(IServiceCollection services)
    {
        // Outermost, so that the caller's cancellation (which the SDK cannot pass) also ends a retry's wait.
        services.TryAddTransient<TwilioRequestHandler>();
        services.AddHttpClient<TwilioClient>().AddHttpMessageHandler<TwilioRequestHandler>().AddResilienceHandler("identitytfa-twilio", (pipeline, context) =>
        {
            var twilio = context.ServiceProvider.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue;

            // Retry only the answers after which Twilio has sent nothing: a refused connection, 429 and 503.
            // A timeout or any other error may mean the message went out, and a retry could send it twice.
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, twilio.MaxRetries),
                Delay = twilio.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(twilio.MaxRetries > 0 && IsSafeToRetry(args.Outcome)),
            });
            pipeline.AddTimeout(twilio.Timeout);
        });
        services.TryAddScoped<TwilioNumberLookup>();
        services.TryAddScoped<NumberLookupCache>();
        services.TryAddScoped<NumberLookupGuard>();
        services.TryAddSingleton<LookupMetrics>();
        services.AddScoped<IMessageChannel, TwilioSmsChannel>();
        services.AddScoped<IMessageChannel, TwilioVoiceChannel>();
        services.AddScoped<IMessageChannel, SmtpEmailChannel>();

        // Last resort outside Production: the router prefers any configured real provider of the same channel.
        foreach (var channel in MessageChannels.All)
        {
            services.AddScoped<IMessageChannel>(sp => new DevInboxChannel(
                channel, sp.GetRequiredService<TwoFactorDbContextAccessor>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHostEnvironment>()));
        }
    }

    private static bool IsSafeToRetry(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
        || outcome.Exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };
}
