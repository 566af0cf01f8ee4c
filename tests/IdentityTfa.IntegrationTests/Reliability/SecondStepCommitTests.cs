using System.Collections.Concurrent;
using System.Net.Http.Json;
using IdentityTfa.Audit;
using IdentityTfa.IntegrationTests.Api;
using IdentityTfa.Methods;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityTfa.IntegrationTests.Reliability;

/// <summary>
/// The second step (verify screen, recovery code, token API) is one transaction, and what leaves the server (the
/// tokens, the sign-in cookie, the mails) leaves only once it has committed: a step whose commit fails issues no token,
/// sends no mail and leaves the code unused, so that the same code then works.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class SecondStepCommitTests
{
    [Fact]
    public async Task A_right_code_through_the_api_whose_commit_fails_issues_no_token_and_the_code_then_works()
    {
        var log = new FailingAuditLog();
        await using var shop = new ShopFactory { ReplaceServices = log.Register };
        var (app, challengeId, code) = await TokenApiClient.PastThePasswordAsync(shop);

        log.FailNextStep = true;
        using var failed = await app.Http.PostAsJsonAsync("/api/auth/token", new { challengeId, code });
        var failedBody = await failed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain("accessToken", failedBody, StringComparison.Ordinal);
        Assert.DoesNotContain("refreshToken", failedBody, StringComparison.Ordinal);

        // The step was rolled back whole: the code is still unused, and now signs in.
        var (status, tokens) = await app.PostAsync("/api/auth/token", new { challengeId, code });
        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task A_recovery_code_whose_commit_fails_signs_nobody_in_and_mails_nothing_and_then_works_once()
    {
        var log = new FailingAuditLog();
        var mails = new RecordingDispatcher();
        await using var shop = new ShopFactory { ReplaceServices = services => { log.Register(services); mails.Register(services); } };
        using var jane = shop.NewShopper();
        await jane.RegisterAsync(Email);
        var codes = (await jane.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone)).RecoveryCodes;
        await jane.SignOutAsync();
        await jane.PasswordStepAsync(Email, Journeys.Password);

        log.FailNextStep = true;
        var failed = await jane.SubmitAsync(await jane.GetAsync(RecoveryPage), "Sign in", ("Recovery code", codes[0]));

        Assert.Equal(500, failed.Status);
        Assert.Empty(await UsedNoticesAsync(jane));
        Assert.DoesNotContain(mails.Subjects, m => m.Contains("a recovery code was used", StringComparison.Ordinal));
        Assert.Equal("/Identity/Account/Login", (await jane.GetAsync("/Identity/Account/Manage")).Path);

        var signedIn = await jane.SubmitAsync(await jane.GetAsync(RecoveryPage), "Sign in", ("Recovery code", codes[0]));
        Assert.Equal("/Identity/Account/RecoveryCodeUsed", signedIn.Path);
        Assert.Single(await UsedNoticesAsync(jane));
        Assert.Single(mails.Subjects, m => m.Contains("a recovery code was used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_right_code_is_refused_when_a_parallel_wrong_code_locked_the_account_after_the_user_was_loaded()
    {
        var race = new LockingCodeSender();
        await using var shop = new ShopFactory { ReplaceServices = race.Register };
        using var jane = await shop.EnrolledShopperAsync(Email);
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        var code = await DevInbox.LatestCodeAsync(jane, Phone);

        // Between the page's load of the user and the step's turn to write, another request locks the account.
        race.LockBeforeTheTurn = true;
        var answer = await jane.EnterCodeAsync(verify, code);

        Assert.NotEqual("/", answer.Path);
        Assert.Contains("Too many failed attempts. This account is locked.", answer.Alerts, StringComparison.Ordinal);
        Assert.Equal("/Identity/Account/Login", (await jane.GetAsync("/Identity/Account/Manage")).Path);
    }

    [Fact]
    public async Task A_staff_token_signed_in_with_the_app_still_passes_the_strong_method_rule_once_refreshed()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(AdminEmail, Phone, DeliveryChannel.Sms);
        var key = await shop.EnableAuthenticatorAsync(AdminEmail);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole("Admin"));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByEmailAsync(AdminEmail))!;
            await users.AddToRoleAsync(user, "Admin");
            Assert.True(await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().SetPreferredAsync(user, DeliveryChannel.Authenticator));
        }

        var app = new TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = AdminEmail, password = Journeys.Password });
        Assert.Equal("Authenticator", challenge.GetProperty("channel").GetString());
        var (status, tokens) = await app.PostAsync("/api/auth/token", new { challengeId = challenge.GetProperty("challengeId").GetString(), code = shop.AuthenticatorCode(key) });
        Assert.Equal(200, status);
        var (refreshedStatus, refreshed) = await app.PostAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(200, refreshedStatus);

        var (changeStatus, _) = await app.PostAuthorizedAsync("/api/auth/email/code", new { email = "admin.work@example.com" }, refreshed.GetProperty("accessToken").GetString()!);

        Assert.Equal(202, changeStatus);
    }

    private const string RecoveryPage = "/Identity/Account/LoginWithRecoveryCode";

    private static async Task<List<(string To, string Subject, string Body)>> UsedNoticesAsync(Shopper reader) =>
        (await DevInbox.MessagesAsync(reader, Email)).Where(m => m.Subject.Contains("a recovery code was used", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The code sender, which the step asks for the waiting code's channel before its turn to write: when told, it first
    /// locks the account from another scope, as a parallel wrong code would.
    /// </summary>
    private sealed class LockingCodeSender
    {
        public bool LockBeforeTheTurn { get; set; }

        public void Register(IServiceCollection services)
        {
            var inner = typeof(Sending.ITwoFactorCodeSender<>).Assembly.GetType("IdentityTfa.Sending.TwoFactorCodeSender`1", throwOnError: true)!
                .MakeGenericType(typeof(IdentityUser));
            services.Replace(ServiceDescriptor.Scoped<Sending.ITwoFactorCodeSender<IdentityUser>>(sp =>
                new Sender(this, (Sending.ITwoFactorCodeSender<IdentityUser>)ActivatorUtilities.CreateInstance(sp, inner), sp.GetRequiredService<IServiceScopeFactory>())));
        }

        private sealed class Sender(LockingCodeSender race, Sending.ITwoFactorCodeSender<IdentityUser> inner, IServiceScopeFactory scopes)
            : Sending.ITwoFactorCodeSender<IdentityUser>
        {
            public async Task<DeliveryChannel?> GetPendingSignInChannelAsync(IdentityUser user, CancellationToken cancellationToken = default)
            {
                if (race.LockBeforeTheTurn)
                {
                    race.LockBeforeTheTurn = false;
                    await using var scope = scopes.CreateAsyncScope();
                    var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
                    var other = (await users.FindByIdAsync(user.Id))!;
                    Assert.True((await users.SetLockoutEndDateAsync(other, DateTimeOffset.UtcNow.AddHours(1))).Succeeded);
                }

                return await inner.GetPendingSignInChannelAsync(user, cancellationToken);
            }

            public Task<IReadOnlyList<Sending.SignInChannel>> GetSignInChannelsAsync(IdentityUser user, CancellationToken cancellationToken = default) =>
                inner.GetSignInChannelsAsync(user, cancellationToken);

            public Task<Sending.SendCodeResult> SendSignInCodeAsync(IdentityUser user, DeliveryChannel? channel, CancellationToken cancellationToken = default) =>
                inner.SendSignInCodeAsync(user, channel, cancellationToken);

            public Task<Challenges.ActiveChallenge?> GetPendingSignInCodeAsync(IdentityUser user, CancellationToken cancellationToken = default) =>
                inner.GetPendingSignInCodeAsync(user, cancellationToken);

            public Task<Sending.SendCodeResult> SendPhoneVerificationCodeAsync(IdentityUser user, string phoneNumber, DeliveryChannel channel = DeliveryChannel.Sms, CancellationToken cancellationToken = default) =>
                inner.SendPhoneVerificationCodeAsync(user, phoneNumber, channel, cancellationToken);

            public Task<Sending.SendCodeResult> SendEmailVerificationCodeAsync(IdentityUser user, string email, CancellationToken cancellationToken = default) =>
                inner.SendEmailVerificationCodeAsync(user, email, cancellationToken);
        }
    }

    /// <summary>The site's dispatcher, recording what it is handed (the dev inbox keeps mail in the database, which a rollback undoes).</summary>
    private sealed class RecordingDispatcher
    {
        public ConcurrentQueue<string> Subjects { get; } = new();

        public void Register(IServiceCollection services)
        {
            var router = typeof(IMessageDispatcher).Assembly.GetTypes().Single(t => t.Name == "MessageChannelRouter");
            services.Replace(ServiceDescriptor.Scoped<IMessageDispatcher>(sp => new Dispatcher(this, (IMessageDispatcher)sp.GetRequiredService(router))));
        }

        private sealed class Dispatcher(RecordingDispatcher record, IMessageDispatcher inner) : IMessageDispatcher
        {
            public bool CanSend(DeliveryChannel channel) => inner.CanSend(channel);

            public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
            {
                record.Subjects.Enqueue(message.Subject);
                return inner.SendAsync(message, cancellationToken);
            }
        }
    }

    /// <summary>An app's audit log that can fail at the end of a second step, as a commit that fails would.</summary>
    private sealed class FailingAuditLog : RecordingAuditLog, IAuditLog
    {
        public bool FailNextStep { get; set; }

        public async Task<T> WriteTogetherAsync<T>(Func<Task<T>> writes, CancellationToken cancellationToken = default)
        {
            var result = await writes();
            if (FailNextStep)
            {
                FailNextStep = false;
                throw new InvalidOperationException("The audit store is down.");
            }

            return result;
        }
    }
}
