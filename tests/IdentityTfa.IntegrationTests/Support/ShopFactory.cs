using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>The shop on the test server, over its own SQLite file and a fake clock that starts now.</summary>
public sealed class ShopFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    public ShopFactory(Dictionary<string, string?>? settings = null, string environment = "Development", string? databasePath = null)
    {
        _databasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"identitytfa-it-{Guid.NewGuid():N}.db");
        _environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DefaultConnection"] = $"Data Source={_databasePath}",
            ["Seed:AdminEmail"] = "",
            ["Seed:AdminPassword"] = "",
            ["IdentityTfa:CompanyName"] = "Tiny Tea Shop",
            ["IdentityTfa:Policies:SignIn:AllowedCountries"] = "US,GB,GG",
            ["IdentityTfa:Policies:PhoneVerification:AllowedCountries"] = "US,GB,GG",
        };

        // The suites sign in, register and post hostile forms many times from one address within one frozen window;
        // the request limits have their own tests (Security/RateLimitTests), which set them low.
        foreach (var limit in new[] { "Password", "Registration", "AccountMail", "RecoveryCode", "Api" })
        {
            _settings[$"IdentityTfa:RequestLimits:{limit}PerAddress"] = "100000/1m";
            _settings[$"IdentityTfa:RequestLimits:{limit}PerAccount"] = "100000/1m";
        }

        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public FakeTimeProvider Time { get; init; } = new(DateTimeOffset.UtcNow);

    /// <summary>Services a test puts in place of the shop's own, after the shop's registrations.</summary>
    public Action<IServiceCollection>? ReplaceServices { get; init; }

    /// <summary>The SQLite file, for a second shop over the same data (a restart, another instance).</summary>
    public string DatabasePath => _databasePath;

    /// <summary>Leave the database file when this shop stops, for the next one to use.</summary>
    public bool KeepDatabase { get; set; }

    public LogCapture Logs { get; } = new();

    public const string FirefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";

    /// <summary>The raw bytes of the database file and its write-ahead log, to search for anything stored in clear.</summary>
    public string DatabaseText()
    {
        SqliteConnection.ClearAllPools();
        return string.Concat(new[] { _databasePath, _databasePath + "-wal" }.Where(File.Exists).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            return reader.ReadToEnd();
        }));
    }

    /// <summary>A new browser: its own cookies, no shared state with other shoppers.</summary>
    /// <summary>Runs the shop as a real Kestrel server on a loopback port instead of the in-memory test server.</summary>
    public ShopFactory OnRealServer()
    {
        UseKestrel(0);
        StartServer();
        _onRealServer = true;
        return this;
    }

    private bool _onRealServer;

    public Shopper NewShopper(string userAgent = FirefoxOnLinux, CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        HttpClient client;
        if (_onRealServer)
        {
            // Over real HTTP the socket handler must leave cookies alone, so that browsers can share one container across instances.
            var handler = new RedirectHandler { InnerHandler = new CookieContainerHandler(cookies) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } } };
            client = new HttpClient(handler) { BaseAddress = ClientOptions.BaseAddress };
        }
        else
        {
            client = CreateDefaultClient(new Uri("https://localhost"), new RedirectHandler(), new CookieContainerHandler(cookies));
        }

        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return new Shopper(client, cookies);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            ReplaceServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (KeepDatabase)
        {
            return;
        }

        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
