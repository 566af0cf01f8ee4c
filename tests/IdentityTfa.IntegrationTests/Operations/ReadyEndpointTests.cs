using System.Text.Json;
using IdentityTfa.IntegrationTests.Delivery;
using Microsoft.AspNetCore.Hosting;

namespace IdentityTfa.IntegrationTests.Operations;

/// <summary><c>/health/ready</c> runs its checks at most once per 30 seconds and shows their details only to callers the app allows.</summary>
public class ReadyEndpointTests
{
    [Fact]
    public async Task A_caller_from_another_address_gets_the_status_alone_and_a_loopback_caller_the_details()
    {
        await using var world = await DeliveryWorld.StartAsync(replaceServices: services => services.AddSingleton<IStartupFilter>(new ClientAddress()));
        using var client = world.Shop.CreateClient();

        var outside = await ReadyAsync(client, "203.0.113.7");
        var local = await ReadyAsync(client, "127.0.0.1");

        Assert.Equal(["status"], outside.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Healthy", outside.GetProperty("status").GetString());
        Assert.Equal(["database", "smtp", "twilio"], local.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_caller_the_details_policy_allows_gets_the_details_from_any_address()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:Health:DetailsPolicy"] = "ShopAdmin" })
        {
            ReplaceServices = services => services.AddSingleton<IStartupFilter>(new ClientAddress()),
        };
        using var admin = await shop.SignedInAdminAsync();
        using var visitor = shop.NewShopper();

        Assert.True((await ReadyAsync(admin.Client, "203.0.113.7")).TryGetProperty("checks", out _));
        Assert.False((await ReadyAsync(visitor.Client, "203.0.113.7")).TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task The_checks_run_once_per_30_seconds_however_many_callers_ask()
    {
        await using var world = await DeliveryWorld.StartAsync();
        using var client = world.Shop.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await client.GetStringAsync("/health/ready");
        }

        var afterFive = TwilioChecks(world);
        world.Shop.Time.Advance(TimeSpan.FromSeconds(29));
        await client.GetStringAsync("/health/ready");
        var before30 = TwilioChecks(world);
        world.Shop.Time.Advance(TimeSpan.FromSeconds(1));
        await client.GetStringAsync("/health/ready");

        Assert.Equal(1, afterFive);
        Assert.Equal(1, before30);
        Assert.Equal(2, TwilioChecks(world));
    }

    private static int TwilioChecks(DeliveryWorld world) =>
        world.Twilio.Requests.Count(r => r.Path.EndsWith($"/Accounts/{FakeTwilio.AccountSid}.json", StringComparison.Ordinal));

    private static async Task<JsonElement> ReadyAsync(HttpClient client, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add(ClientAddress.Header, from);
        using var response = await client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
