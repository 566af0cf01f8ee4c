using System.Text.Json;

namespace IdentityTfa.IntegrationTests.Api;

public class TokenApiTests
{
    [Fact]
    public async Task The_seeds_three_step_login_over_HTTP_password_then_code_then_token()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());

        var (status, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        Assert.Equal(401, status);
        Assert.Equal("A second factor is required.", challenge.GetProperty("title").GetString());
        Assert.Equal("•••• 0000", challenge.GetProperty("sentTo").GetString());
        Assert.Equal("•••• 0000", challenge.GetProperty("channels")[0].GetProperty("destination").GetString());
        Assert.False(challenge.TryGetProperty("accessToken", out _));

        var code = await DevInbox.LatestCodeAsync(reader, Phone);
        var (tokenStatus, tokens) = await app.PostAsync("/api/auth/token", new { challengeId = challenge.GetProperty("challengeId").GetString(), code });
        Assert.Equal(200, tokenStatus);
        var accessToken = tokens.GetProperty("accessToken").GetString()!;
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refreshToken").GetString()));

        var (devicesStatus, _) = await app.GetAsync("/api/auth/devices", accessToken);
        Assert.Equal(200, devicesStatus);
        var (anonymousStatus, _) = await app.GetAsync("/api/auth/devices", null);
        Assert.Equal(401, anonymousStatus);
    }

    [Fact]
    public async Task Email_password_and_code_in_one_request_also_give_tokens()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());
        await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });

        var (status, tokens) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password, code = await DevInbox.LatestCodeAsync(reader, Phone) });

        Assert.Equal(200, status);
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_problem()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var app = new TokenApiClient(shop.CreateClient());

        var unknown = await app.PostAsync("/api/auth/token", new { email = "nobody@example.com", password = Journeys.Password });
        var wrong = await app.PostAsync("/api/auth/token", new { email = Email, password = "Wrong-Password-1" });

        Assert.Equal(401, unknown.Status);
        Assert.Equal(unknown.Status, wrong.Status);
        Assert.Equal(unknown.Body.GetProperty("title").GetString(), wrong.Body.GetProperty("title").GetString());
        Assert.False(wrong.Body.TryGetProperty("challengeId", out _));
    }

    [Fact]
    public async Task Wrong_codes_count_down_then_lock_the_account_and_no_token_is_ever_issued()
    {
        await using var shop = new ShopFactory();
        var (app, challengeId, code) = await TokenApiClient.PastThePasswordAsync(shop);
        var wrong = WrongCode.For(code);

        var first = await app.PostAsync("/api/auth/token", new { challengeId, code = wrong });
        Assert.Equal(401, first.Status);
        Assert.Equal(4, first.Body.GetProperty("attemptsLeft").GetInt32());
        for (var i = 0; i < 3; i++)
        {
            await app.PostAsync("/api/auth/token", new { challengeId, code = wrong });
        }

        var fifth = await app.PostAsync("/api/auth/token", new { challengeId, code = wrong });
        Assert.Equal(423, fifth.Status);
        var right = await app.PostAsync("/api/auth/token", new { challengeId, code });
        Assert.Equal(423, right.Status);
        Assert.False(right.Body.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task The_token_APIs_lockout_takes_the_verify_screens_path_and_is_audited_as_a_lockout()
    {
        await using var shop = new ShopFactory();
        var (app, challengeId, code) = await TokenApiClient.PastThePasswordAsync(shop);

        var answers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await app.PostAsync("/api/auth/token", new { challengeId, code = WrongCode.For(code) })).Status);
        }

        Assert.Equal([401, 401, 401, 401, 423], answers);
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityTfa.Shop.Data.ShopDbContext>();
        var user = db.Users.Single(u => u.Email == Email);
        var lockouts = db.Set<IdentityTfa.Entities.AuditEvent>().Where(a => a.UserId == user.Id && a.Type == IdentityTfa.Audit.AuditEventTypes.LockedOut).ToList();
        Assert.Single(lockouts);
        Assert.StartsWith("until ", lockouts[0].Detail);
    }

    [Fact]
    public async Task A_forged_or_expired_challenge_is_refused()
    {
        await using var shop = new ShopFactory();
        var (app, challengeId, code) = await TokenApiClient.PastThePasswordAsync(shop);

        var forged = await app.PostAsync("/api/auth/token", new { challengeId = "CfDJ8forged", code });
        Assert.Equal(401, forged.Status);

        shop.Time.Advance(TimeSpan.FromMinutes(5));
        var expired = await app.PostAsync("/api/auth/token", new { challengeId, code });
        Assert.Equal(401, expired.Status);
        Assert.Equal("The challenge is unknown or has expired.", expired.Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Resend_waits_for_the_cooldown_and_can_switch_channel()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        var challengeId = challenge.GetProperty("challengeId").GetString();

        var tooSoon = await app.PostAsync("/api/auth/code", new { challengeId });
        Assert.Equal(429, tooSoon.Status);

        shop.Time.Advance(TimeSpan.FromSeconds(30));
        var switched = await app.PostAsync("/api/auth/code", new { challengeId, channel = "Email" });
        Assert.Equal(401, switched.Status);
        Assert.Equal("j•••@example.com", switched.Body.GetProperty("sentTo").GetString());
        var tokens = await app.PostAsync("/api/auth/token", new { challengeId, code = await DevInbox.LatestCodeAsync(reader, Email) });
        Assert.Equal(200, tokens.Status);
    }

    [Fact]
    public async Task A_refresh_token_gives_new_tokens_until_the_password_changes()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        var app = new TokenApiClient(shop.CreateClient());
        var (status, tokens) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        Assert.Equal(200, status);

        var refreshed = await app.PostAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(200, refreshed.Status);
        Assert.False(string.IsNullOrEmpty(refreshed.Body.GetProperty("accessToken").GetString()));

        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            await users.ChangePasswordAsync(user, Journeys.Password, "Another-Pass-42");
        }

        var refused = await app.PostAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task An_app_enrols_a_phone_and_then_needs_a_code_to_sign_in()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());
        var accessToken = (await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password })).Body.GetProperty("accessToken").GetString()!;

        var sent = await app.PostAuthorizedAsync("/api/auth/phone/code", new { phone = "(650) 253-0000" }, accessToken);
        Assert.Equal(202, sent.Status);
        var code = await DevInbox.LatestCodeAsync(reader, Phone);
        var wrong = await app.PostAuthorizedAsync("/api/auth/phone", new { phone = "(650) 253-0000", code = WrongCode.For(code) }, accessToken);
        Assert.Equal(400, wrong.Status);
        var confirmed = await app.PostAuthorizedAsync("/api/auth/phone", new { phone = "(650) 253-0000", code }, accessToken);
        Assert.Equal(204, confirmed.Status);

        var next = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        Assert.Equal(401, next.Status);
        Assert.Equal("A second factor is required.", next.Body.GetProperty("title").GetString());

        // The password-only token enrolled the first factor; turning it off needs a token signed in with a code.
        var passwordOnlyOff = await app.PostAuthorizedAsync("/api/auth/2fa/disable", new { password = Journeys.Password }, accessToken);
        Assert.Equal(403, passwordOnlyOff.Status);
        var withCode = await app.PostAsync("/api/auth/token", new { challengeId = next.Body.GetProperty("challengeId").GetString(), code = await DevInbox.LatestCodeAsync(reader, Phone) });
        accessToken = withCode.Body.GetProperty("accessToken").GetString()!;

        var refusedOff = await app.PostAuthorizedAsync("/api/auth/2fa/disable", new { password = "wrong" }, accessToken);
        Assert.Equal(403, refusedOff.Status);
        Assert.Equal("The password is not right.", refusedOff.Body.GetProperty("title").GetString());
        var off = await app.PostAuthorizedAsync("/api/auth/2fa/disable", new { password = Journeys.Password }, accessToken);
        Assert.Equal(204, off.Status);
        Assert.Equal(200, (await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password })).Status);
    }

    [Fact]
    public async Task Registration_with_a_phone_code_creates_the_account_with_two_factor_on()
    {
        await using var shop = new ShopFactory();
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());

        Assert.Equal(202, (await app.PostAsync("/api/auth/register/code", new { phone = "650 253 0000" })).Status);
        var code = await DevInbox.LatestCodeAsync(reader, Phone);
        var wrong = await app.PostAsync("/api/auth/register", new { email = Email, password = Journeys.Password, phone = "650 253 0000", code = WrongCode.For(code) });
        Assert.Equal(400, wrong.Status);
        var (status, created) = await app.PostAsync("/api/auth/register", new { email = Email, password = Journeys.Password, phone = "650 253 0000", code });

        Assert.Equal(201, status);
        Assert.True(created.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal(10, created.GetProperty("recoveryCodes").GetArrayLength());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_token_API_in_Development()
    {
        await using var shop = new ShopFactory();
        using var client = shop.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/auth/token", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/auth/refresh", out _));
    }
}
