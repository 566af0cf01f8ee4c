using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IdentityTfa.IntegrationTests.Reliability;

/// <summary>The migration that adds the one-waiting-code index over a database where parallel sends left several.</summary>
[Trait("Category", "Reliability")]
public sealed class OneActiveCodeMigrationTests
{
    [Fact]
    public async Task On_SQLite_the_newest_of_several_waiting_codes_keeps_waiting_and_the_others_end_as_superseded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"identitytfa-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteShopDbContext(new DbContextOptionsBuilder<SqliteShopDbContext>().UseSqlite($"Data Source={path}")
                // A context made without Identity's options (schema version 3 and its passkeys): EF's model check does not apply.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options);
            await MigrateOverDuplicatesAsync(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_the_newest_of_several_waiting_codes_keeps_waiting_and_the_others_end_as_superseded()
    {
        await using var database = new EngineDatabase("Postgres");
        await using var db = new PostgresShopDbContext(new DbContextOptionsBuilder<PostgresShopDbContext>().UseNpgsql(database.ConnectionString)
            // Migrating to an earlier migration first: EF's check of the model against the last one does not apply.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options);
        await MigrateOverDuplicatesAsync(db);
    }

    private static async Task MigrateOverDuplicatesAsync(ShopDbContext db)
    {
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("TwilioLookupCache");
        var at = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        TwoFactorChallenge Waiting(string user, int minutes) => new()
        {
            Id = Guid.NewGuid(), UserId = user, TokenPurpose = "TwoFactor", Channel = DeliveryChannel.Sms, MaskedDestination = "•••• 0000",
            Salt = new byte[16], CodeHash = new byte[32], CreatedAt = at.AddMinutes(minutes), ExpiresAt = at.AddMinutes(minutes + 10),
            MaxAttempts = 5, State = ChallengeState.Active,
        };
        var (oldest, middle, newest, alone) = (Waiting("jane", 0), Waiting("jane", 1), Waiting("jane", 2), Waiting("john", 0));
        db.AddRange(oldest, middle, newest, alone);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        await migrator.MigrateAsync();

        var rows = await db.Set<TwoFactorChallenge>().AsNoTracking().ToDictionaryAsync(c => c.Id);
        Assert.Equal(ChallengeState.Active, rows[newest.Id].State);
        Assert.Equal(ChallengeState.Active, rows[alone.Id].State);
        Assert.All([rows[oldest.Id], rows[middle.Id]], c =>
        {
            Assert.Equal(ChallengeState.Superseded, c.State);
            Assert.Equal(newest.CreatedAt, c.EndedAt);
        });
        db.Add(Waiting("jane", 3));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
