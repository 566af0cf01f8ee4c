using IdentityTfa.IntegrationTests.Support;

namespace IdentityTfa.IntegrationTests.Delivery;

/// <summary>The shop wired to the fake Twilio and the real SMTP server, each test with its own.</summary>
public sealed class DeliveryWorld : IAsyncDisposable
{
    private DeliveryWorld(ShopFactory shop, FakeTwilio twilio, SmtpServer smtp)
    {
        Shop = shop;
        Twilio = twilio;
        Smtp = smtp;
    }

    public const string StatusCallbackUrl = "https://shop.example/identitytfa/twilio/status";

    public ShopFactory Shop { get; }

    public FakeTwilio Twilio { get; }

    public SmtpServer Smtp { get; }

    public static async Task<DeliveryWorld> StartAsync(Dictionary<string, string?>? settings = null, string environment = "Development")
    {
        var twilio = await FakeTwilio.StartAsync();
        var smtp = await SmtpServer.StartAsync();
        var all = twilio.Settings(StatusCallbackUrl).Concat(smtp.Settings()).ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new DeliveryWorld(new ShopFactory(all, environment), twilio, smtp);
    }

    public string LatestSmsCode(string to) =>
        System.Text.RegularExpressions.Regex.Match(Twilio.Messages.Last(m => m.To == to).Body, @"\b\d{6}\b").Value;

    public string LatestMailCode(string to) =>
        System.Text.RegularExpressions.Regex.Match(Smtp.MessagesTo(to).Last().TextBody ?? string.Empty, @"\b\d{6}\b").Value;

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(Twilio.Violations);
        await Shop.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
