using IdentityTfa.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace IdentityTfa.BrowserTests.Support;

/// <summary>
/// The shop as a real Kestrel server on a loopback port, with the fake Twilio and a real SMTP server, so a browser
/// uses it as a person would and codes are read where a person would read them.
/// </summary>
public sealed class LiveShop : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"identitytfa-browser-{Guid.NewGuid():N}.db");
    private readonly Dictionary<string, string?> _settings;

    private LiveShop(FakeTwilio twilio, SmtpServer smtp, Dictionary<string, string?> settings)
    {
        Twilio = twilio;
        Smtp = smtp;
        _settings = settings;
    }

    public FakeTwilio Twilio { get; }

    public SmtpServer Smtp { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public Uri Address { get; private set; } = new("http://127.0.0.1");

    public static async Task<LiveShop> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var twilio = await FakeTwilio.StartAsync();
        var smtp = await SmtpServer.StartAsync();
        var settings = twilio.Settings().Concat(smtp.Settings()).ToDictionary(p => p.Key, p => p.Value);
        settings["IdentityTfa:CompanyName"] = "Tiny Tea Shop";
        settings["IdentityTfa:Policies:SignIn:AllowedCountries"] = "US,GB,GG";
        settings["IdentityTfa:Policies:PhoneVerification:AllowedCountries"] = "US,GB,GG";
        settings["Seed:AdminEmail"] = AdminEmail;
        settings["Seed:AdminPassword"] = "Admin-Passw0rd!";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var shop = new LiveShop(twilio, smtp, settings);
        shop.UseKestrel(0);
        shop.StartServer();
        shop.Address = shop.ClientOptions.BaseAddress;
        return shop;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:DefaultConnection", $"Data Source={_databasePath}");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    public string LatestSmsCode(string to) =>
        System.Text.RegularExpressions.Regex.Match(Twilio.Messages.Last(m => m.To == to).Body, @"\b\d{6}\b").Value;

    public string LatestMailCode(string to) =>
        System.Text.RegularExpressions.Regex.Match(Smtp.LatestTo(to).TextBody ?? string.Empty, @"\b\d{6}\b").Value;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
