using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// The request limits (IdentityTfa:RequestLimits): per client address, an IPv6 address by its /64, and per account,
/// counted in the database so that instances count together; over a limit, 429 with Retry-After and words.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class RateLimitTests(SecurityFigures figures)
{
    private const string Login = "/Identity/Account/Login";

    // Two minutes into a five-minute window, so that a refusal says 180 seconds, three minutes.
    private static FakeTimeProvider TwoMinutesIntoAWindow()
    {
        var now = DateTimeOffset.UtcNow.AddHours(1);
        return new FakeTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 2, 0, TimeSpan.Zero));
    }

    private static ShopFactory Shop(string setting, string limit, FakeTimeProvider? time = null, string? databasePath = null) =>
        new(new() { [$"IdentityTfa:RequestLimits:{setting}"] = limit }, databasePath: databasePath)
        {
            Time = time ?? TwoMinutesIntoAWindow(),
            ReplaceServices = ClientAddressHeader.AddTo,
        };

    [Fact]
    public async Task Sign_in_posts_over_the_limit_of_an_address_answer_429_with_Retry_After_and_a_page_in_words()
    {
        await using var shop = Shop("PasswordPerAddress", "3/5m");
        for (var i = 0; i < 3; i++)
        {
            var page = await From(shop, "203.0.113.7").PasswordStepAsync($"nobody{i}@example.com", "Wrong-Password-1");
            Assert.Equal(200, page.Status);
        }

        using var refused = await PostFormAsync(shop, Login, "203.0.113.7", "nobody9@example.com");
        var refusedPage = await PageOf(refused);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("180", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Too many attempts", refusedPage.Heading);
        Assert.Equal("Too many attempts. Try again in 3 minutes.", refusedPage.Alerts);
        Assert.Equal(200, (await From(shop, "203.0.113.8").PasswordStepAsync("nobody9@example.com", "Wrong-Password-1")).Status);

        shop.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(200, (await From(shop, "203.0.113.7").PasswordStepAsync("nobody9@example.com", "Wrong-Password-1")).Status);
        figures.Add("rate_limit.refused", 1);
    }

    [Fact]
    public async Task An_IPv6_address_counts_with_its_64_and_another_64_is_not_affected()
    {
        await using var shop = Shop("PasswordPerAddress", "3/5m");
        foreach (var address in new[] { "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:aaaa::3" })
        {
            using var allowed = await PostFormAsync(shop, Login, address, "someone@example.com");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var sameNetwork = await PostFormAsync(shop, Login, "2001:db8:1:2:ffff:ffff:ffff:fffe", "someone@example.com");
        using var otherNetwork = await PostFormAsync(shop, Login, "2001:db8:1:3::1", "someone@example.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherNetwork.StatusCode);
        figures.Add("rate_limit.refused", 1);
    }

    [Fact]
    public async Task Sign_in_posts_for_one_account_from_many_addresses_stop_at_the_account_limit_and_another_account_is_not_affected()
    {
        await using var shop = Shop("PasswordPerAccount", "3/5m");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await From(shop, $"198.51.100.{i + 1}").PasswordStepAsync(Email, "Wrong-Password-1")).Status);
        }

        // The account is the email as Identity normalizes it: case and spaces around it do not make a new one.
        using var refused = await PostFormAsync(shop, Login, "198.51.100.50", "  JANE@Example.com ");
        var other = await From(shop, "198.51.100.50").PasswordStepAsync("john@example.com", "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many attempts. Try again in 3 minutes.", (await PageOf(refused)).Alerts);
        Assert.Equal(200, other.Status);
        figures.Add("rate_limit.refused", 1);
    }

    public static TheoryData<string, string> LimitedPages => new()
    {
        { "/Identity/Account/Register", "RegistrationPerAddress" },
        { "/Identity/Account/ForgotPassword", "AccountMailPerAddress" },
        { "/Identity/Account/ResendEmailConfirmation", "AccountMailPerAddress" },
        { "/Identity/Account/LoginWithRecoveryCode", "RecoveryCodePerAddress" },
    };

    [Theory]
    [MemberData(nameof(LimitedPages))]
    public async Task Each_limited_page_answers_429_with_a_page_in_words_over_its_limit(string path, string setting)
    {
        await using var shop = Shop(setting, "2/5m");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await PostFormAsync(shop, path, "203.0.113.9", $"someone{i}@example.com");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await PostFormAsync(shop, path, "203.0.113.9", "someone9@example.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("180", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Too many attempts. Try again in 3 minutes.", (await PageOf(refused)).Alerts);
        figures.Add("rate_limit.refused", 1);
    }

    [Theory]
    [InlineData("es", "Demasiados intentos. Inténtelo de nuevo dentro de 3 minutos.")]
    [InlineData("de", "Zu viele Versuche. Versuchen Sie es in 3 Minuten erneut.")]
    public async Task The_refusal_page_speaks_the_visitors_language(string language, string words)
    {
        await using var shop = Shop("PasswordPerAddress", "1/5m");
        using var first = await PostFormAsync(shop, Login, "203.0.113.10", "someone@example.com", language);
        using var refused = await PostFormAsync(shop, Login, "203.0.113.10", "someone@example.com", language);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(words, (await PageOf(refused)).Alerts);
    }

    [Fact]
    public async Task The_token_API_answers_429_with_a_problem_and_still_reads_the_body_under_the_limit()
    {
        await using var shop = Shop("PasswordPerAccount", "3/5m");
        using var client = shop.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostAsJsonAsync("/api/auth/token", new { email = Email, password = "Wrong-Password-1" });

            // 401, not 400: the limit read the body, and the endpoint still bound it.
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = "JANE@example.com", password = "Wrong-Password-1" });
        using var other = await client.PostAsJsonAsync("/api/auth/token", new { email = "john@example.com", password = "Wrong-Password-1" });
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("180", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Too many attempts.", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(180, problem.RootElement.GetProperty("retryAfter").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        figures.Add("rate_limit.refused", 1);
    }

    [Fact]
    public async Task Every_token_API_endpoint_counts_per_address()
    {
        await using var shop = Shop("ApiPerAddress", "2/5m");
        using var client = shop.CreateClient();
        using var first = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "x" });
        using var second = await client.PostAsJsonAsync("/api/auth/code", new { challengeId = "x" });
        using var refused = await client.GetAsync("/api/auth/devices");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        figures.Add("rate_limit.refused", 1);
    }

    [Fact]
    public async Task Two_instances_over_one_database_count_together()
    {
        var time = TwoMinutesIntoAWindow();
        await using var a = Shop("PasswordPerAddress", "3/5m", time);
        await using var b = Shop("PasswordPerAddress", "3/5m", time, a.DatabasePath);
        b.KeepDatabase = true;
        Assert.Equal(200, (await From(a, "203.0.113.11").PasswordStepAsync("nobody@example.com", "Wrong-Password-1")).Status);
        Assert.Equal(200, (await From(b, "203.0.113.11").PasswordStepAsync("nobody@example.com", "Wrong-Password-1")).Status);
        Assert.Equal(200, (await From(a, "203.0.113.11").PasswordStepAsync("nobody@example.com", "Wrong-Password-1")).Status);

        using var refusedOnB = await PostFormAsync(b, Login, "203.0.113.11", "nobody@example.com");
        using var refusedOnA = await PostFormAsync(a, Login, "203.0.113.11", "nobody@example.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnB.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnA.StatusCode);
        figures.Add("rate_limit.refused", 2);
    }

    [Fact]
    public async Task The_limits_are_ASP_NET_Cores_global_rate_limiter_which_counts_a_request_once_however_often_it_is_asked()
    {
        await using var shop = Shop("PasswordPerAddress", "2/5m");
        var options = shop.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value;
        var limiter = options.GlobalLimiter;
        await using var scope = shop.Services.CreateAsyncScope();

        // A second UseRateLimiter after routing (for an app's own endpoint policies) asks the global limiter again.
        var first = SignInPost(scope);
        using var firstPass = await limiter!.AcquireAsync(first);
        using var secondPass = await limiter.AcquireAsync(first);
        using var second = await limiter.AcquireAsync(SignInPost(scope));
        using var third = await limiter.AcquireAsync(SignInPost(scope));
        using var pageView = limiter.AttemptAcquire(new DefaultHttpContext { RequestServices = scope.ServiceProvider });

        Assert.Equal("RequestLimiter", limiter.GetType().Name);
        Assert.Equal(StatusCodes.Status429TooManyRequests, options.RejectionStatusCode);
        Assert.True(firstPass.IsAcquired && secondPass.IsAcquired && second.IsAcquired && pageView.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(3), retryAfter);
    }

    private static DefaultHttpContext SignInPost(AsyncServiceScope scope)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Path = Login;
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.21");
        return context;
    }

    private static Shopper From(ShopFactory shop, string address)
    {
        var shopper = shop.NewShopper();
        shopper.Client.DefaultRequestHeaders.Add(ClientAddressHeader.Header, address);
        return shopper;
    }

    // What an attacker sends: the form's fields, straight to the handler, with no page fetched first.
    private static async Task<HttpResponseMessage> PostFormAsync(ShopFactory shop, string path, string address, string email, string? language = null)
    {
        using var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientAddressHeader.Header, address);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        using var form = new FormUrlEncodedContent([new("Input.Email", email), new("Input.Password", "Wrong-Password-1"), new("RecoveryCode", "ABCDE-12345")]);
        return await client.PostAsync(path, form);
    }

    private static async Task<Page> PageOf(HttpResponseMessage response) =>
        Page.Parse(response.RequestMessage!.RequestUri!, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
}
