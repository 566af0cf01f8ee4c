namespace IdentityTfa.IntegrationTests.Security;

/// <summary>The partial sign-in and the session end when NIST SP 800-63B-4 AAL2 says; a trusted device still skips the code.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class SessionTests
{
    private const string LoginPath = "/Identity/Account/Login";
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";
    private const string SettingsPath = "/Identity/Account/Manage";

    [Fact]
    public async Task The_partial_sign_in_ends_five_minutes_after_the_password_however_often_the_verify_screen_is_visited()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();

        shop.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(VerifyPath, (await shopper.GetAsync(VerifyPath)).Path);
        shop.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var late = await shopper.EnterCodeAsync(verify, code);

        Assert.Equal(LoginPath, late.Path);
    }

    [Fact]
    public async Task A_password_change_ends_the_partial_sign_in()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();

        await ChangePasswordAsync(shop);
        var after = await shopper.EnterCodeAsync(verify, code);

        Assert.Equal(LoginPath, after.Path);
        Assert.Equal(LoginPath, (await shopper.GetAsync(SettingsPath)).Path);
    }

    [Fact]
    public async Task The_APIs_resend_is_refused_after_a_password_change()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var app = new Api.TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        var challengeId = challenge.GetProperty("challengeId").GetString();

        await ChangePasswordAsync(shop);
        shop.Time.Advance(TimeSpan.FromSeconds(31));
        var (status, body) = await app.PostAsync("/api/auth/code", new { challengeId });

        Assert.Equal(401, status);
        Assert.Equal("The challenge is unknown or has expired.", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_APIs_resend_does_not_extend_the_challenge_past_five_minutes()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();
        var app = new Api.TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });

        shop.Time.Advance(TimeSpan.FromMinutes(4));
        var (_, resent) = await app.PostAsync("/api/auth/code", new { challengeId = challenge.GetProperty("challengeId").GetString() });
        shop.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var (status, body) = await app.PostAsync("/api/auth/token", new { challengeId = resent.GetProperty("challengeId").GetString(), code = await DevInbox.LatestCodeAsync(reader, Phone) });

        Assert.Equal(401, status);
        Assert.False(body.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task A_session_ends_after_an_idle_hour_and_a_trusted_device_then_skips_the_code()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInOnATrustedDeviceAsync(shop);

        shop.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(SettingsPath, (await shopper.GetAsync(SettingsPath)).Path);
        shop.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(SettingsPath, (await shopper.GetAsync(SettingsPath)).Path);
        shop.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(LoginPath, (await shopper.GetAsync(SettingsPath)).Path);
        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task A_session_ends_24_hours_after_the_sign_in_however_active_and_a_trusted_device_then_skips_the_code()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInOnATrustedDeviceAsync(shop);

        for (var minutes = 50; minutes < 24 * 60; minutes += 50)
        {
            shop.Time.Advance(TimeSpan.FromMinutes(50));
            Assert.Equal(SettingsPath, (await shopper.GetAsync(SettingsPath)).Path);
        }

        shop.Time.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal(LoginPath, (await shopper.GetAsync(SettingsPath)).Path);
        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
        Assert.Equal(SettingsPath, (await shopper.GetAsync(SettingsPath)).Path);
    }

    [Fact]
    public async Task An_apps_refresh_is_refused_24_hours_after_its_sign_in_and_it_signs_in_again_with_password_and_code()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();
        var app = new Api.TokenApiClient(shop.CreateClient());
        var refreshToken = await AppSignInAsync(app, reader);

        for (var hours = 4; hours < 24; hours += 4)
        {
            shop.Time.Advance(TimeSpan.FromHours(4));
            var (refreshedStatus, refreshed) = await app.PostAsync("/api/auth/refresh", new { refreshToken });
            Assert.Equal(200, refreshedStatus);
            refreshToken = refreshed.GetProperty("refreshToken").GetString();
        }

        shop.Time.Advance(TimeSpan.FromHours(4));
        var (status, body) = await app.PostAsync("/api/auth/refresh", new { refreshToken });

        Assert.Equal(401, status);
        Assert.Equal("The session has reached its time limit.", body.GetProperty("title").GetString());
        Assert.False(body.TryGetProperty("accessToken", out _));
        Assert.False(string.IsNullOrEmpty(await AppSignInAsync(app, reader)));
    }

    [Fact]
    public async Task A_password_change_in_one_browser_ends_the_session_in_another_within_a_minute()
    {
        await using var shop = new ShopFactory();
        using var laptop = await shop.EnrolledShopperAsync();
        await laptop.SignInWithCodeAsync(shop, Email);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        using var phone = shop.NewShopper();
        await phone.SignInWithCodeAsync(shop, Email);
        Assert.Equal(SettingsPath, (await phone.GetAsync(SettingsPath)).Path);

        var changed = await laptop.SubmitAsync(await laptop.GetAsync("/Identity/Account/Manage/ChangePassword"), "Update password",
            ("Current password", Journeys.Password), ("New password", "Another-Pass-42"), ("Confirm new password", "Another-Pass-42"));
        Assert.Equal(string.Empty, changed.Alerts);
        shop.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(LoginPath, (await phone.GetAsync(SettingsPath)).Path);
        Assert.Equal(SettingsPath, (await laptop.GetAsync(SettingsPath)).Path);
    }

    [Fact]
    public async Task The_stamp_check_interval_is_one_minute_by_default_and_refused_beyond_thirty()
    {
        await using var shop = new ShopFactory();
        Assert.Equal(TimeSpan.FromMinutes(1), shop.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval);

        await using var wrong = new ShopFactory(new Dictionary<string, string?> { ["IdentityTfa:Sessions:StampCheckInterval"] = "00:31:00" });
        var failure = Assert.ThrowsAny<Exception>(() => wrong.Services);
        Assert.Contains("IdentityTfa:Sessions:StampCheckInterval", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The password alone is not enough (401 with a challenge); the code gives the tokens.</summary>
    private static async Task<string?> AppSignInAsync(Api.TokenApiClient app, Shopper reader)
    {
        var (passwordOnly, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        Assert.Equal(401, passwordOnly);
        var (status, tokens) = await app.PostAsync("/api/auth/token", new { challengeId = challenge.GetProperty("challengeId").GetString(), code = await DevInbox.LatestCodeAsync(reader, Phone) });
        Assert.Equal(200, status);
        return tokens.GetProperty("refreshToken").GetString();
    }

    private static async Task<Shopper> SignedInOnATrustedDeviceAsync(ShopFactory shop)
    {
        var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone), trustDevice: true)).Path);
        return shopper;
    }

    private static async Task ChangePasswordAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var changed = await users.ChangePasswordAsync((await users.FindByEmailAsync(Email))!, Journeys.Password, "Another-Pass-42");
        Assert.True(changed.Succeeded);
    }
}
