using System.Text.Json;
using IdentityTfa.IntegrationTests.Delivery;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace IdentityTfa.IntegrationTests.Operations;

public class HealthAndMetricsTests
{
    [Fact]
    public async Task Ready_covers_the_database_SMTP_and_Twilio_without_a_secret()
    {
        await using var world = await DeliveryWorld.StartAsync(replaceServices: FromLoopback);
        using var client = world.Shop.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        var text = await ready.Content.ReadAsStringAsync();
        var checks = JsonDocument.Parse(text).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(new Dictionary<string, string?> { ["database"] = "Healthy", ["smtp"] = "Healthy", ["twilio"] = "Healthy" }, checks);
        Assert.DoesNotContain(FakeTwilio.AuthToken, text);
        Assert.Contains(world.Twilio.Requests, r => r.Path.EndsWith($"/Accounts/{FakeTwilio.AccountSid}.json", StringComparison.Ordinal));
        Assert.Empty(world.Twilio.Messages);
    }

    [Fact]
    public async Task Ready_fails_when_Twilio_refuses_the_credentials_or_SMTP_is_down_and_still_shows_no_secret()
    {
        await using var world = await DeliveryWorld.StartAsync(new()
        {
            ["IdentityTfa:Sms:Twilio:AuthToken"] = "a-wrong-auth-token-0000",
            ["IdentityTfa:Email:Smtp:Port"] = SmtpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, replaceServices: FromLoopback);
        using var client = world.Shop.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        var text = await ready.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Twilio refuses the credentials.", text);
        Assert.Contains("does not answer", text);
        Assert.DoesNotContain("a-wrong-auth-token-0000", text);
    }

    // The details of /health/ready are for a loopback caller (or one the details policy allows); the test server has no address.
    private static void FromLoopback(IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ClientAddress(System.Net.IPAddress.Loopback));

    [Fact]
    public async Task Metrics_count_codes_sent_and_verifications_by_outcome()
    {
        await using var shop = await ShopWithJaneAsync();
        using var sent = Measure<long>(shop, "identitytfa.codes.sent");
        using var verifications = Measure<long>(shop, "identitytfa.verifications");
        using var sendDuration = Measure<double>(shop, "identitytfa.send.duration");

        await SignInWithAWrongCodeFirstAsync(shop);

        var sentMeasurement = Assert.Single(sent.GetMeasurementSnapshot());
        Assert.Equal("SignIn", sentMeasurement.Tags["purpose"]);
        Assert.Equal("Sms", sentMeasurement.Tags["channel"]);
        Assert.Equal("devinbox", sentMeasurement.Tags["provider"]);
        Assert.Equal(["wrong", "ok"], verifications.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!));
        Assert.Single(sendDuration.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Metrics_time_the_wait_for_and_the_hold_of_SQLites_write_turn_once_per_group_of_writes()
    {
        await using var shop = await ShopWithJaneAsync();
        using var waited = Measure<double>(shop, "identitytfa.sqlite.writer_turn.wait");
        using var held = Measure<double>(shop, "identitytfa.sqlite.writer_turn.held");

        await SignInWithAWrongCodeFirstAsync(shop);

        // One turn for the password post's request limits (its address and account counters together), two for sending
        // the code (its limits and issue, then its delivery), one for the wrong code and one for the right one; the clock
        // is the tests' fake, so no time passes.
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0], waited.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0], held.GetMeasurementSnapshot().Select(m => m.Value));
    }

    /// <summary>A shop where Jane has an account with codes by text.</summary>
    private static async Task<ShopFactory> ShopWithJaneAsync()
    {
        var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        return shop;
    }

    /// <summary>Collects what IdentityTfa records on the named instrument from now on.</summary>
    private static MetricCollector<T> Measure<T>(ShopFactory shop, string instrument)
        where T : struct =>
        new(shop.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "IdentityTfa", instrument);

    /// <summary>Jane enters her password, then a wrong code, then the right one.</summary>
    private static async Task SignInWithAWrongCodeFirstAsync(ShopFactory shop)
    {
        using var shopper = shop.NewShopper();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();
        verify = await shopper.EnterCodeAsync(verify, WrongCode.For(code));
        await shopper.EnterCodeAsync(verify, code);
    }
}
