using IdentityTfa.Bench.Pages.Bench;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace IdentityTfa.Bench;

/// <summary>
/// The shop as it runs in production (real Kestrel, SQLite file, Twilio over REST), with the benchmark's additions:
/// Identity's stock phone provider, its pages, the ceiling page and the session endpoint.
/// </summary>
internal sealed class BenchShop(string database, Uri twilioBaseUrl) : WebApplicationFactory<Program>
{
    public const string Password = "Bench-Passw0rd!";

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>A PostgreSQL connection string (it has <c>Host=</c>), or else the path of a SQLite file.</summary>
    public bool IsPostgres { get; } = database.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public string ConnectionString => IsPostgres ? database : $"Data Source={database}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DefaultConnection"] = ConnectionString,
            ["Database:Provider"] = IsPostgres ? "Postgres" : "Sqlite",
            ["Seed:AdminEmail"] = "",
            ["Seed:AdminPassword"] = "",
            ["IdentityTfa:CompanyName"] = "Tiny Tea Shop",

            // What Production refuses to start without: links in mail from a configured address, a code-hash key from
            // configuration, and an explicit choice about the Data Protection keys (the run's database is thrown away).
            ["IdentityTfa:PublicBaseUrl"] = "https://shop.bench.test/",
            ["IdentityTfa:CodeHashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["DataProtection:AllowUnprotectedKeys"] = "true",
            ["IdentityTfa:Sms:Twilio:AccountSid"] = IntegrationTests.Support.FakeTwilio.AccountSid,
            ["IdentityTfa:Sms:Twilio:AuthToken"] = IntegrationTests.Support.FakeTwilio.AuthToken,
            ["IdentityTfa:Sms:Twilio:From"] = IntegrationTests.Support.FakeTwilio.From,
            ["IdentityTfa:Sms:Twilio:BaseUrl"] = twilioBaseUrl.ToString(),

            // Production asks for an email provider; no benchmark scenario sends mail.
            ["IdentityTfa:Email:Smtp:Host"] = "127.0.0.1",
            ["IdentityTfa:Email:Smtp:From"] = "shop@bench.test",
            ["IdentityTfa:FailoverToEmail"] = "false",

            // Every limit still runs (its counter is updated in the database on each send); only the caps are raised,
            // because every simulated shopper comes from 127.0.0.1 and the run sends tens of thousands of codes.
            ["IdentityTfa:SendsPerIp"] = "10000000/1h",
            ["IdentityTfa:Policies:SignIn:SendsPerPolicy"] = "10000000/1d",
            ["IdentityTfa:Policies:SignIn:SendsPerCountry"] = "10000000/1h",
            ["IdentityTfa:RequestLimits:PasswordPerAddress"] = "10000000/1h",
            ["IdentityTfa:RequestLimits:PasswordPerAccount"] = "10000000/1h",
            ["IdentityTfa:RequestLimits:ApiPerAddress"] = "10000000/1h",
            ["IdentityTfa:RequestLimits:ApiPerAccount"] = "10000000/1h",
            ["IdentityTfa:RequestLimits:RegistrationPerAddress"] = "10000000/1h",

            // The smallest dataset (1,000 accounts) comes round to each account a dozen times a minute in the four verify
            // steps' rounds; the verify rate is still checked in the guarded UPDATE of every verify.
            ["IdentityTfa:VerifyRate"] = "1000/1m",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
            {
                // Every SQL command on standard error, to count what each step costs.
                logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).AddFilter("Microsoft", LogLevel.None).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
            }
        });
        builder.ConfigureServices(services =>
        {
            services.AddRazorPages().AddApplicationPart(typeof(CeilingModel).Assembly);
            services.AddTransient<PhoneNumberTokenProvider<IdentityUser>>();
            services.AddTransient<SingleUseStockProvider>();
            services.Configure<IdentityOptions>(options =>
            {
                options.Tokens.ProviderMap[LoginModel.StockProvider] = new TokenProviderDescriptor(typeof(PhoneNumberTokenProvider<IdentityUser>));
                options.Tokens.ProviderMap[SingleUseStockProvider.Name] = new TokenProviderDescriptor(typeof(SingleUseStockProvider));
            });
            services.AddTransient<IStartupFilter, BenchSessionEndpoint>();
            if (Environment.GetEnvironmentVariable(StatementCounter.Switch) == "1")
            {
                services.ConfigureDbContext<IdentityTfa.Shop.Data.SqliteShopDbContext>(options => options.AddInterceptors(new StatementCounter()));
            }
        });
    }

    public BenchShop Start()
    {
        // The shop's content root (its Razor views, wwwroot, appsettings.json) is the repository root.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_IDENTITYTFA_SHOP", IntegrationTests.Support.RepositoryFiles.Root);
        UseKestrel(0);
        StartServer();
        return this;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
