using IdentityTfa.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Persistence;

/// <summary>
/// The rate-counter table's writes, written by hand as upserts: each takes or opens a counter's row in one statement, so
/// that parallel requests on one instance or several wait for the row and then see it (EF's API would need a read, an
/// UPDATE and an INSERT, and a parallel INSERT would fail instead of counting). SQLite and PostgreSQL both read them.
/// </summary>
internal static class RateCounterStatements
{
    /// <summary>Takes a slot of a fixed window: opens it with its first slot, or takes one while fewer than <paramref name="limit"/> are taken; 1 when taken.</summary>
    public static Task<int> TakeSlotAsync(DbContext context, string key, DateTime windowEndsAt, int limit, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(context, "RateCounter.TakeSlot", BuildTakeSlotSql, [key, windowEndsAt, limit], cancellationToken);

    /// <summary>Takes a cooldown until <paramref name="endsAt"/>: opens it, or takes it over once it ended before <paramref name="now"/>; 1 when taken.</summary>
    public static Task<int> TakeCooldownAsync(DbContext context, string key, DateTime endsAt, DateTime now, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(context, "RateCounter.TakeCooldown", BuildTakeCooldownSql, [key, endsAt, now], cancellationToken);

    /// <summary>Notes a key once, kept until <paramref name="keptUntil"/>; 1 when it is new, 0 when it was noted before.</summary>
    public static Task<int> NoteOnceAsync(DbContext context, string key, DateTime keptUntil, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(context, "RateCounter.NoteOnce", BuildNoteOnceSql, [key, keptUntil], cancellationToken);

    // {0} is the key, {1} when the window ends and {2} the slots it allows.
    private static string BuildTakeSlotSql(IModel model)
    {
        var (table, key, count, expiresAt) = Names.Of(model);
        return $"INSERT INTO {table} ({key}, {count}, {expiresAt}) VALUES ({{0}}, 1, {{1}}) "
            + $"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 WHERE {table}.{count} < {{2}}";
    }

    // {0} is the key, {1} when the cooldown ends and {2} the time now.
    private static string BuildTakeCooldownSql(IModel model)
    {
        var (table, key, count, expiresAt) = Names.Of(model);
        return $"INSERT INTO {table} ({key}, {count}, {expiresAt}) VALUES ({{0}}, 1, {{1}}) "
            + $"ON CONFLICT ({key}) DO UPDATE SET {count} = 1, {expiresAt} = {{1}} WHERE {table}.{expiresAt} <= {{2}}";
    }

    // {0} is the key, {1} until when it is kept.
    private static string BuildNoteOnceSql(IModel model)
    {
        var (table, key, count, expiresAt) = Names.Of(model);
        return $"INSERT INTO {table} ({key}, {count}, {expiresAt}) VALUES ({{0}}, 1, {{1}}) ON CONFLICT ({key}) DO NOTHING";
    }

    /// <summary>The table's and its columns' quoted names.</summary>
    private sealed record Names(string Table, string Key, string Count, string ExpiresAt)
    {
        public static Names Of(IModel model) => new(
            SqlStatements.Table<RateCounter>(model),
            SqlStatements.Column<RateCounter>(model, nameof(RateCounter.Key)),
            SqlStatements.Column<RateCounter>(model, nameof(RateCounter.Count)),
            SqlStatements.Column<RateCounter>(model, nameof(RateCounter.ExpiresAt)));
    }
}
