using Microsoft.Extensions.Time.Testing;

namespace IdentityTfa.IntegrationTests.ScaleOut;

/// <summary>Two shop instances, real servers on two loopback ports, over one PostgreSQL database.</summary>
[Trait("Category", "ScaleOut")]
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private EngineDatabase? _database;

    public Task InitializeAsync()
    {
        _database = new EngineDatabase("Postgres");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_code_sent_by_one_instance_verifies_on_the_other_and_a_device_trusted_there_is_trusted_here()
    {
        await using var a = Instance();
        await using var b = Instance();
        var cookies = new CookieContainer();
        using var onA = a.NewShopper(cookies: cookies);
        using var onB = b.NewShopper(cookies: cookies);

        var (verifyOnA, verifyOnB) = await VerifyScreenOnBothAsync(a, onA, onB);
        var signedIn = await onB.EnterCodeAsync(verifyOnB, await DevInbox.LatestCodeAsync(onB, Phone), trustDevice: true);

        Assert.NotEqual(a.ClientOptions.BaseAddress.Port, b.ClientOptions.BaseAddress.Port);
        Assert.Equal("/", signedIn.Path);
        await onA.SignOutAsync();
        Assert.Equal("/", (await onA.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task Fifty_parallel_wrong_codes_split_across_both_instances_never_exceed_the_attempt_limit()
    {
        var settings = new Dictionary<string, string?> { ["IdentityTfa:VerifyRate"] = "1000/1m" };
        await using var a = Instance(settings);
        await using var b = Instance(settings);
        var cookies = new CookieContainer();
        using var onA = a.NewShopper(cookies: cookies);
        using var onB = b.NewShopper(cookies: cookies);
        var (verifyOnA, verifyOnB) = await VerifyScreenOnBothAsync(a, onA, onB);
        var code = await DevInbox.LatestCodeAsync(onA, Phone);
        var guesses = Enumerable.Range(0, 60).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Where(g => g != code).Take(50).ToList();

        var pages = await Task.WhenAll(guesses.Select((g, i) => i % 2 == 0 ? onA.EnterCodeAsync(verifyOnA, g) : onB.EnterCodeAsync(verifyOnB, g)));

        Assert.All(pages, p => Assert.True(p.Status < 500, $"HTTP {p.Status}"));
        await using var scope = a.Services.CreateAsyncScope();
        var challenge = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<TwoFactorChallenge>().SingleAsync();
        Assert.True(challenge.Attempts <= challenge.MaxAttempts, $"{challenge.Attempts} attempts");
        Assert.DoesNotContain(pages, p => p.Path == "/");
    }

    [Fact]
    public async Task Twenty_parallel_sign_ins_split_across_both_instances_send_no_more_codes_than_the_sites_cap()
    {
        const int Cap = 8;
        var settings = new Dictionary<string, string?>
        {
            ["IdentityTfa:Policies:SignIn:SendsPerPolicy"] = $"{Cap}/1d",
            ["IdentityTfa:Policies:SignIn:SendsPerCountry"] = "1000/1h",
            ["IdentityTfa:SendsPerIp"] = "1000/1h",
        };
        await using var a = Instance(settings);
        await using var b = Instance(settings);
        var phones = Enumerable.Range(0, 20).Select(i => $"+165025301{i:D2}").ToList();
        for (var i = 0; i < phones.Count; i++)
        {
            await a.CreateAccountAsync($"shopper{i}@example.com", phones[i], DeliveryChannel.Sms);
        }

        var pages = await Task.WhenAll(phones.Select(async (_, i) =>
        {
            using var shopper = (i % 2 == 0 ? a : b).NewShopper();
            return await shopper.PasswordStepAsync($"shopper{i}@example.com", Journeys.Password);
        }));

        Assert.All(pages, p => Assert.True(p.Status < 500, $"HTTP {p.Status}"));
        using var reader = b.NewShopper();
        var texted = 0;
        foreach (var phone in phones)
        {
            texted += await DevInbox.CountToAsync(reader, phone);
        }

        Assert.Equal(Cap, texted);
        Assert.Equal(phones.Count - Cap, pages.Count(p => p.Alerts.Contains("We cannot send more codes right now.", StringComparison.Ordinal)));
        await using var scope = a.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>();
        Assert.Equal(Cap, await audit.CountAsync(e => e.Type == "code.sent"));
        Assert.Equal(phones.Count - Cap, await audit.CountAsync(e => e.Type == "code.refused"));
    }

    [Fact]
    public async Task An_instance_restarted_mid_sign_in_loses_nothing()
    {
        var cookies = new CookieContainer();
        string code;
        Page verify;
        await using (var a = Instance())
        {
            await a.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
            using var onA = a.NewShopper(cookies: cookies);
            verify = await onA.PasswordStepAsync(Email, Journeys.Password);
            code = await DevInbox.LatestCodeAsync(onA, Phone);
        }

        await using var restarted = Instance();
        using var again = restarted.NewShopper(cookies: cookies);
        var page = await again.GetAsync(verify.Url.PathAndQuery);
        var signedIn = await again.EnterCodeAsync(page, code);

        Assert.Equal("/", signedIn.Path);
    }

    private ShopFactory Instance(Dictionary<string, string?>? extra = null) =>
        new ShopFactory(_database!.Settings(new(extra ?? []))) { Time = _clock }.OnRealServer();

    /// <summary>The test account (codes by text message) past its password on A, and the same verify screen opened on B.</summary>
    private static async Task<(Page OnA, Page OnB)> VerifyScreenOnBothAsync(ShopFactory a, Shopper onA, Shopper onB)
    {
        await a.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var verifyOnA = await onA.PasswordStepAsync(Email, Journeys.Password);
        return (verifyOnA, await onB.GetAsync(verifyOnA.Url.PathAndQuery));
    }
}
