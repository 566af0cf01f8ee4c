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

    public static async Task<DeliveryWorld> StartAsync(Dictionary<string, string?>? settings = null, string environment = "Development", Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? replaceServices = null)
    {
        var twilio = await FakeTwilio.StartAsync();
        var smtp = await SmtpServer.StartAsync();
        var all = twilio.Settings(StatusCallbackUrl).Concat(smtp.Settings()).ToDictionary(p => p.Key, p => p.Value);
        if (environment == "Production")
        {
            all["IdentityTfa:PublicBaseUrl"] = "https://shop.example/";
            all["IdentityTfa:CodeHashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            all["DataProtection:AllowUnprotectedKeys"] = "true";
        }
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new DeliveryWorld(new ShopFactory(all, environment) { ReplaceServices = replaceServices }, twilio, smtp);
    }

    public string LatestSmsCode(string to) =>
        System.Text.RegularExpressions.Regex.Match(Twilio.Messages.Last(m => m.To == to).Body, @"\b\d{6}\b").Value;

    public string LatestMailCode(string to) =>
        System.Text.RegularExpressions.Regex.Match(WithShopLog(() => Smtp.LatestTo(to)).TextBody ?? string.Empty, @"\b\d{6}\b").Value;

    /// <summary>The one mail to <paramref name="to"/>; when there is none or more, the failure says what the shop and the server logged.</summary>
    public MimeKit.MimeMessage SingleMailTo(string to) => WithShopLog(() => Smtp.SingleTo(to));

    private T WithShopLog<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException missing)
        {
            var delivery = Shop.Logs.Lines.Where(line => line.Contains("Delivery", StringComparison.Ordinal) || line.Contains("SMTP", StringComparison.Ordinal));
            throw new InvalidOperationException($"{missing.Message}{Environment.NewLine}The shop's delivery log:{Environment.NewLine}{string.Join(Environment.NewLine, delivery)}", missing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(Twilio.Violations);
        await Shop.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
