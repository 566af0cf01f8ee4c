using System.Net.Http.Json;
using System.Text.Json;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// The cumulative cap (IdentityTfa:SecondFactorFailureCap, NIST SP 800-63B-4 §3.2.2): consecutive second-factor failures,
/// across lockouts, stop second-factor sign-in until the password is reset by email; the holder is told once.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class CumulativeCapTests(SecurityFigures figures)
{
    private const string Stopped = "Too many wrong codes were entered for this account. Signing in with a second factor is stopped until you reset your password by email.";

    [Fact]
    public async Task A_hundred_wrong_codes_across_lockouts_stop_second_factor_sign_in_until_a_password_reset_and_the_holder_is_told_once()
    {
        await using var shop = new ShopFactory();
        using var jane = await shop.EnrolledShopperAsync();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        var wrong = WrongCode.For(await DevInbox.LatestCodeAsync(jane, Phone));

        var failures = await FailUntilStoppedAsync(shop, jane, verify, wrong, limit: 150);

        Assert.Equal(100, failures);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await SendNewCodeAsync(jane, verify);
        var rightCode = await jane.EnterCodeAsync(await jane.GetAsync(verify.Url.PathAndQuery), await DevInbox.LatestCodeAsync(jane, Phone));
        Assert.NotEqual("/", rightCode.Path);
        Assert.Contains(Stopped, rightCode.Alerts);
        Assert.NotNull(rightCode.Document.QuerySelector("a[href*='ForgotPassword']"));
        Assert.Contains(Stopped, (await jane.GetAsync(verify.Url.PathAndQuery)).Alerts);
        var recovery = await jane.SubmitAsync(await jane.GetAsync("/Identity/Account/LoginWithRecoveryCode"), "Sign in", ("Recovery code", "ABCDE-23456"));
        Assert.Contains(Stopped, recovery.Alerts);

        var notices = (await DevInbox.MessagesAsync(jane, Email)).Where(m => m.Subject.Contains("two-factor sign-in is stopped", StringComparison.Ordinal)).ToList();
        Assert.Single(notices);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().CountAsync(a => a.Type == "account.second_factor_stopped"));
        }

        // The reset by the emailed link lifts the stop; the next right code signs in.
        await ResetPasswordByEmailTokenAsync(shop);
        await jane.SignInWithCodeAsync(shop, Email);
        figures.Set("cumulative_cap.failures_before_stop", failures);
    }

    [Fact]
    public async Task A_success_ends_the_run_of_failures()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:SecondFactorFailureCap"] = "10" });
        using var jane = await shop.EnrolledShopperAsync();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        var wrong = WrongCode.For(await DevInbox.LatestCodeAsync(jane, Phone));
        for (var i = 0; i < 9; i++)
        {
            await FailOnceAsync(shop, jane, verify, wrong);
        }

        Assert.DoesNotContain(Stopped, (await jane.GetAsync(verify.Url.PathAndQuery)).Alerts);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await SendNewCodeAsync(jane, verify);
        Assert.Equal("/", (await jane.EnterCodeAsync(await jane.GetAsync(verify.Url.PathAndQuery), await DevInbox.LatestCodeAsync(jane, Phone))).Path);
        await jane.SignOutAsync();

        verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        wrong = WrongCode.For(await DevInbox.LatestCodeAsync(jane, Phone));
        for (var i = 0; i < 9; i++)
        {
            await FailOnceAsync(shop, jane, verify, wrong);
        }

        Assert.DoesNotContain(Stopped, (await jane.GetAsync(verify.Url.PathAndQuery)).Alerts);
        Assert.Equal(10, await FailUntilStoppedAsync(shop, jane, verify, wrong, limit: 20) + 9);
    }

    [Fact]
    public async Task The_token_API_refuses_a_stopped_account_in_words()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:SecondFactorFailureCap"] = "10" });
        await shop.CreateAccountAsync(Email, Phone, IdentityTfa.Delivery.DeliveryChannel.Sms);
        using var client = shop.CreateClient();
        using var challenge = await client.PostAsJsonAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        using var reader = shop.NewShopper();
        var wrong = WrongCode.For(await DevInbox.LatestCodeAsync(reader, Phone));
        for (var i = 0; i < 10; i++)
        {
            using var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = Email, password = Journeys.Password, code = wrong });
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            await EndLockoutAsync(shop);
        }

        using var stopped = await client.PostAsJsonAsync("/api/auth/token", new { email = Email, password = Journeys.Password, code = wrong });
        using var problem = JsonDocument.Parse(await stopped.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stopped.StatusCode);
        Assert.Equal("Second-factor sign-in is stopped.", problem.RootElement.GetProperty("title").GetString());
    }

    // The resend button names the phone once the old code is used up ("Send the code by text message to •••• 0000").
    private static async Task SendNewCodeAsync(Shopper shopper, Page verify)
    {
        var page = await shopper.GetAsync(verify.Url.PathAndQuery);
        await shopper.SubmitAsync(page, page.ButtonTexts().First(b => b.StartsWith("Send", StringComparison.Ordinal)));
    }

    private static async Task<int> FailUntilStoppedAsync(ShopFactory shop, Shopper shopper, Page verify, string wrong, int limit)
    {
        for (var failures = 1; failures <= limit; failures++)
        {
            if ((await FailOnceAsync(shop, shopper, verify, wrong)).Alerts.Contains(Stopped, StringComparison.Ordinal))
            {
                return failures;
            }
        }

        return -1;
    }

    // One wrong code; when it locks the account, the lockout is ended as its fifteen minutes passing would (Identity's
    // lockout reads the system clock, not the test's), and Identity's own count starts again from zero.
    private static async Task<Page> FailOnceAsync(ShopFactory shop, Shopper shopper, Page verify, string wrong)
    {
        var answer = await shopper.EnterCodeAsync(verify, wrong);
        Assert.NotEqual("/", answer.Path);
        await EndLockoutAsync(shop);
        return answer;
    }

    private static async Task EndLockoutAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(Email))!;
        if (await users.IsLockedOutAsync(user))
        {
            await users.SetLockoutEndDateAsync(user, null);
        }
    }

    private static async Task ResetPasswordByEmailTokenAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(Email))!;
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Journeys.Password);
        Assert.True(reset.Succeeded);
    }
}
