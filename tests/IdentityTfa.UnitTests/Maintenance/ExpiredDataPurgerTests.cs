using IdentityTfa.Audit;
using IdentityTfa.Devices;
using IdentityTfa.Limits;
using IdentityTfa.Maintenance;
using IdentityTfa.TokenProviders;

namespace IdentityTfa.UnitTests.Maintenance;

public class ExpiredDataPurgerTests
{
    [Fact]
    public async Task Expired_challenges_devices_windows_and_old_audit_rows_go_and_live_ones_stay()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:AuditRetention"] = "2.00:00:00" });
        var user = await world.CreateUserAsync(Email, Phone);
        await world.GenerateSignInCodeAsync(user, TwoFactorProviderNames.Sms);
        await using (var scope = world.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<TrustedDeviceStore>().CreateAsync(user.Id, "Firefox on Linux", null, "stamp", TimeSpan.FromDays(1), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<RateLimiter>().TryTakeAsync("send:x", new RateLimit(3, TimeSpan.FromHours(1)), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditEntry(AuditEventTypes.CodeSent, user.Id));
        }

        world.Time.Advance(TimeSpan.FromDays(3));
        await world.GenerateSignInCodeAsync(user, TwoFactorProviderNames.Sms);
        int removed;
        await using (var scope = world.NewScope())
        {
            removed = await scope.ServiceProvider.GetRequiredService<ExpiredDataPurger>().PurgeAsync(CancellationToken.None);
        }

        await using var check = world.NewScope();
        var db = check.ServiceProvider.GetRequiredService<TestDbContext>();
        Assert.Equal(4, removed);
        Assert.Equal(ChallengeState.Active, (await db.Set<TwoFactorChallenge>().SingleAsync()).State);
        Assert.Empty(await db.Set<TrustedDevice>().ToListAsync());
        Assert.Empty(await db.Set<RateCounter>().ToListAsync());
        Assert.Empty(await db.Set<AuditEvent>().ToListAsync());
    }

    [Fact]
    public async Task A_users_newest_used_sign_in_code_stays_as_the_method_of_the_last_sign_in_while_the_audit_log_keeps_its_rows()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, Phone);
        Assert.True((await world.VerifySignInCodeAsync(user, TwoFactorProviderNames.Sms, await world.GenerateSignInCodeAsync(user, TwoFactorProviderNames.Sms))).Accepted);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await world.VerifySignInCodeAsync(user, TwoFactorProviderNames.Email, await world.GenerateSignInCodeAsync(user, TwoFactorProviderNames.Email))).Accepted);
        world.Time.Advance(TimeSpan.FromDays(3));

        await using (var scope = world.NewScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ExpiredDataPurger>().PurgeAsync(CancellationToken.None));
        }

        var kept = Assert.Single(await world.ChallengesAsync());
        Assert.Equal((ChallengeState.Used, IdentityTfa.Delivery.DeliveryChannel.Email), (kept.State, kept.Channel));

        // No longer than the audit log keeps the sign-in's rows (a deleted account's code does not stay for ever).
        world.Time.Advance(TimeSpan.FromDays(365));
        await using (var scope = world.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExpiredDataPurger>().PurgeAsync(CancellationToken.None);
        }

        Assert.Empty(await world.ChallengesAsync());
    }
}
