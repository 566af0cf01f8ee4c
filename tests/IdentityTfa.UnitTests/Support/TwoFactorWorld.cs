using IdentityTfa.Challenges;
using IdentityTfa.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IdentityTfa.UnitTests.Support;

/// <summary>
/// Identity core with IdentityTfa over a real SQLite file and a fake clock: the library as an application uses it,
/// without a web server. Each world has its own database file.
/// </summary>
internal sealed class TwoFactorWorld : IAsyncDisposable
{
    private readonly string _databasePath;
    private readonly ServiceProvider _services;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    private TwoFactorWorld(string databasePath, ServiceProvider services, FakeTimeProvider time, Dictionary<string, string?> settings, bool ownsDatabase)
    {
        _databasePath = databasePath;
        _services = services;
        _settings = settings;
        _ownsDatabase = ownsDatabase;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public static async Task<TwoFactorWorld> CreateAsync(Dictionary<string, string?>? settings = null)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"identitytfa-unit-{Guid.NewGuid():N}.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var world = new TwoFactorWorld(databasePath, Build(databasePath, settings ?? [], time), time, settings ?? [], ownsDatabase: true);
        await using (var scope = world.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }

        return world;
    }

    /// <summary>
    /// A second instance of the application over this world's database and clock, with its own services and memory,
    /// as another server would be. Both hash codes alike only with a configured <c>IdentityTfa:CodeHashKey</c>, as
    /// several instances in production must be set up.
    /// </summary>
    public TwoFactorWorld AnotherInstance() => new(_databasePath, Build(_databasePath, _settings, Time), Time, _settings, ownsDatabase: false);

    private static ServiceProvider Build(string databasePath, Dictionary<string, string?> settings, FakeTimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(CapturingLoggerProvider.Instance));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite($"Data Source={databasePath}"));
        services.AddIdentityCore<IdentityUser>()
            .AddEntityFrameworkStores<TestDbContext>()
            .AddDefaultTokenProviders()
            .AddIdentityTfa<TestDbContext>(configuration);

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public AsyncServiceScope NewScope() => _services.CreateAsyncScope();

    /// <summary>Creates a user with a confirmed email and, when given, a confirmed phone number.</summary>
    public async Task<IdentityUser> CreateUserAsync(string email, string? phone = null)
    {
        await using var scope = NewScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true, PhoneNumber = phone, PhoneNumberConfirmed = phone is not null };
        var result = await users.CreateAsync(user);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>Runs <paramref name="action"/> with a fresh scope's user manager, as one request would.</summary>
    public async Task<T> InRequestAsync<T>(IdentityUser user, Func<UserManager<IdentityUser>, IdentityUser, IServiceProvider, Task<T>> action)
    {
        await using var scope = NewScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var fresh = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("No such user.");
        return await action(users, fresh, scope.ServiceProvider);
    }

    /// <summary>Checks a code as a sign-in would, and returns the detailed answer.</summary>
    public Task<(bool Accepted, VerifyResult? Result)> VerifySignInCodeAsync(IdentityUser user, string provider, string code) =>
        InRequestAsync(user, async (users, u, sp) =>
        {
            var accepted = await users.VerifyTwoFactorTokenAsync(u, provider, code);
            return (accepted, sp.GetRequiredService<VerificationOutcome>().Last);
        });

    public Task<string> GenerateSignInCodeAsync(IdentityUser user, string provider) =>
        InRequestAsync(user, (users, u, _) => users.GenerateTwoFactorTokenAsync(u, provider));

    public async Task<List<TwoFactorChallenge>> ChallengesAsync()
    {
        await using var scope = NewScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<TwoFactorChallenge>().AsNoTracking().ToListAsync();
    }

    public async Task EnableMethodAsync(IdentityUser user, IdentityTfa.Delivery.DeliveryChannel channel)
    {
        await using var scope = NewScope();
        await scope.ServiceProvider.GetRequiredService<IdentityTfa.Methods.TwoFactorMethodStore>().EnableAsync(user.Id, channel, CancellationToken.None);
    }

    /// <summary>The raw bytes of the database file, with the write-ahead log, to search for anything stored in clear.</summary>
    public byte[] DatabaseFileBytes()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new[] { _databasePath, _databasePath + "-wal" }
            .Where(File.Exists)
            .SelectMany(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            })
            .ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (!_ownsDatabase)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
