using IdentityTfa.Sending;

namespace IdentityTfa.IntegrationTests.Reliability;

/// <summary>One waiting code per user and purpose, held by the send's guarded cooldown and by the database, on both engines.</summary>
[Trait("Category", "Reliability")]
public sealed class OneActiveCodeTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Twenty_parallel_sends_for_one_user_send_one_code_and_leave_one_waiting(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = database.Shop();
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
        await using var database = new EngineDatabase(engine);
        await using var shop = database.Shop();
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
}
