using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace IdentityTfa.Bench;

/// <summary>
/// Seeds N shoppers, each with a confirmed phone, text messages enabled and one used sign-in code in the past (as after
/// a real sign-in by text; the used code says the last sign-in method). One account is made by Identity (so its
/// password hash is real); the rest are copied from it in SQL, which is what makes a million accounts take seconds
/// rather than a day of password hashing.
/// </summary>
internal static class BenchData
{
    public static string Email(int account) => $"user{account}@bench.test";

    /// <summary>A valid US number per account, the same formula the SQL below uses.</summary>
    public static string Phone(int account) => string.Create(CultureInfo.InvariantCulture, $"+1212{200 + account / 10000:000}{account % 10000:0000}");

    public static async Task SeedAsync(BenchShop shop, int accounts)
    {
        string templateId;
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var template = new IdentityUser
            {
                UserName = Email(0),
                Email = Email(0),
                EmailConfirmed = true,
                PhoneNumber = Phone(0),
                PhoneNumberConfirmed = true,
                TwoFactorEnabled = true,
            };
            var created = await users.CreateAsync(template, BenchShop.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Creating the template account failed: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            templateId = template.Id;
        }

        if (shop.IsPostgres)
        {
            await SeedPostgresAsync(shop, accounts, templateId);
            return;
        }

        var now = DateTime.UtcNow;
        await using var connection = new SqliteConnection(shop.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash,
                SecurityStamp, ConcurrencyStamp, PhoneNumber, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnd, LockoutEnabled, AccessFailedCount)
            SELECT lower(hex(randomblob(16))), 'user' || i || '@bench.test', 'USER' || i || '@BENCH.TEST', 'user' || i || '@bench.test',
                'USER' || i || '@BENCH.TEST', 1, t.PasswordHash, upper(hex(randomblob(20))), lower(hex(randomblob(16))),
                printf('+1212%03d%04d', 200 + i / 10000, i % 10000), 1, 1, NULL, 1, 0
            FROM n, AspNetUsers t WHERE t.Id = $template
            """, ("$count", accounts), ("$template", templateId));
        await ExecuteAsync(connection, transaction, """
            INSERT INTO TfaMethods (UserId, Channel, EnabledAt, IsPreferred) SELECT Id, 0, $now, 1 FROM AspNetUsers
            """, ("$now", Stamp(now)));
        await ExecuteAsync(connection, transaction, """
            INSERT INTO TfaChallenges (Id, Attempts, Channel, CodeHash, CreatedAt, DeliveryStatus, EndedAt, ExpiresAt, MaskedDestination,
                MaxAttempts, Policy, ProviderMessageId, Purpose, Salt, State, UserId)
            SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12),
                1, 0, randomblob(32), $created, 'delivered', $ended, $expires, '(•••) •••-••00', 5, 0, 'SM' || lower(h), 'TwoFactor', randomblob(16), 1, Id
            FROM (SELECT Id, hex(randomblob(16)) AS h FROM AspNetUsers)
            """, ("$created", Stamp(now.AddDays(-1))), ("$ended", Stamp(now.AddDays(-1).AddMinutes(1))), ("$expires", Stamp(now.AddDays(-1).AddMinutes(10))));
        await transaction.CommitAsync();

        // Fold the seed into the database file now, so that no run pays for checkpointing a million rows.
        await CheckpointAsync(connection);
    }

    /// <summary>
    /// Before a measured run: folds the write-ahead log into the database file (SQLite) and collects the garbage, so
    /// that every run starts alike rather than paying for what the previous run and its preparation left behind.
    /// </summary>
    public static async Task SettleAsync(BenchShop shop)
    {
        if (!shop.IsPostgres)
        {
            await using var connection = new SqliteConnection(shop.ConnectionString);
            await connection.OpenAsync();
            await CheckpointAsync(connection);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task CheckpointAsync(SqliteConnection connection)
    {
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync();
    }

    private static async Task SeedPostgresAsync(BenchShop shop, int accounts, string templateId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(shop.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in new[]
        {
            """
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount")
            SELECT md5(random()::text || i), 'user' || i || '@bench.test', 'USER' || i || '@BENCH.TEST', 'user' || i || '@bench.test',
                'USER' || i || '@BENCH.TEST', true, t."PasswordHash", upper(md5(random()::text)), md5(random()::text),
                '+1212' || lpad((200 + i / 10000)::text, 3, '0') || lpad((i % 10000)::text, 4, '0'), true, true, NULL, true, 0
            FROM generate_series(1, @count - 1) AS i, "AspNetUsers" t WHERE t."Id" = @template
            """,
            """
            INSERT INTO "TfaMethods" ("UserId", "Channel", "EnabledAt", "IsPreferred") SELECT "Id", 0, now(), true FROM "AspNetUsers"
            """,
            """
            INSERT INTO "TfaChallenges" ("Id", "Attempts", "Channel", "CodeHash", "CreatedAt", "DeliveryStatus", "EndedAt", "ExpiresAt", "MaskedDestination",
                "MaxAttempts", "Policy", "ProviderMessageId", "Purpose", "Salt", "State", "UserId")
            SELECT gen_random_uuid(), 1, 0, sha256(random()::text::bytea), now() - interval '1 day', 'delivered', now() - interval '1 day' + interval '1 minute',
                now() - interval '1 day' + interval '10 minutes', '(•••) •••-••00', 5, 0, 'SM' || md5(random()::text), 'TwoFactor',
                substring(sha256(random()::text::bytea) from 1 for 16), 1, "Id"
            FROM "AspNetUsers"
            """,
        })
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("count", accounts);
            command.Parameters.AddWithValue("template", templateId);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
