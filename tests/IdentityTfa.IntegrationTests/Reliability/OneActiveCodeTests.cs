using IdentityTfa.Sending;
using Npgsql;

namespace IdentityTfa.IntegrationTests.Reliability;

/// <summary>One waiting code per user and purpose, held by the send's guarded cooldown and by the database, on both engines.</summary>
[Trait("Category", "Reliability")]
public sealed class OneActiveCodeTests : IAsyncLifetime
{
    private readonly string _database = $"identitytfa_{Guid.NewGuid():N}";
    private string _server = string.Empty;
    private bool _usedPostgres;

    public Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable("IDENTITYTFA_TEST_POSTGRES") ?? string.Empty;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (!_usedPostgres)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Twenty_parallel_sends_for_one_user_send_one_code_and_leave_one_waiting(string engine)
    {
        await using var shop = Shop(engine);
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var scope = shop.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var sender = scope.ServiceProvider.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>();
            return await sender.SendSignInCodeAsync((await users.FindByEmailAsync(Email))!, DeliveryChannel.Sms);
        })));

        Assert.Single(results, r => r is SendCodeResult.Sent);
        Assert.All(results.Where(r => r is not SendCodeResult.Sent), r => Assert.IsType<SendCodeResult.TooSoon>(r));
        await using var check = shop.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ShopDbContext>();
        Assert.Equal(1, await db.Set<DevInboxMessage>().CountAsync(m => m.To == Phone));
        Assert.Equal(1, await db.Set<TwoFactorChallenge>().CountAsync(c => c.State == ChallengeState.Active));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_database_refuses_a_second_waiting_code_written_directly(string engine)
    {
        await using var shop = Shop(engine);
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();
        await shopper.PasswordStepAsync(Email, Journeys.Password);
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var waiting = await db.Set<TwoFactorChallenge>().AsNoTracking().SingleAsync(c => c.State == ChallengeState.Active);

        db.Add(new TwoFactorChallenge
        {
            Id = Guid.NewGuid(), UserId = waiting.UserId, TokenPurpose = waiting.TokenPurpose, Purpose = waiting.Purpose, Channel = waiting.Channel,
            MaskedDestination = waiting.MaskedDestination, Salt = waiting.Salt, CodeHash = waiting.CodeHash, CreatedAt = waiting.CreatedAt,
            ExpiresAt = waiting.ExpiresAt, MaxAttempts = waiting.MaxAttempts, State = ChallengeState.Active,
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        Assert.Equal(1, await db.Set<TwoFactorChallenge>().CountAsync(c => c.State == ChallengeState.Active));
    }

    private ShopFactory Shop(string engine)
    {
        if (engine == "Sqlite")
        {
            return new ShopFactory();
        }

        if (_server.Length == 0)
        {
            throw new InvalidOperationException("This test needs PostgreSQL: set IDENTITYTFA_TEST_POSTGRES (scripts/test.sh starts one on 127.0.0.1:55432).");
        }

        _usedPostgres = true;
        return new ShopFactory(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:DefaultConnection"] = $"{_server};Database={_database}",
        });
    }
}
