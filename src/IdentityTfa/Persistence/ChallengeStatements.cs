using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Persistence;

/// <summary>
/// The challenge table's writes on the send and verify paths, written by hand: every send issues a code and every
/// sign-in checks one, and the change tracker and ExecuteUpdate's expression trees cost several times what these
/// statements do. Each text is built once per model (<see cref="SqlStatements"/>).
/// </summary>
internal static class ChallengeStatements
{
    /// <summary>Ends every waiting code of this user and purpose ("Send new code").</summary>
    public static Task<int> SupersedeAsync(DbContext context, string userId, string purpose, DateTime now, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(context, "ChallengeStatements.Supersede", BuildSupersedeSql, [userId, purpose, now], cancellationToken);

    /// <summary>
    /// Stores a new code's row; 0 when another code of this user and purpose is waiting (the unique index on waiting
    /// codes), which only a parallel send can have put there since this one superseded the earlier codes.
    /// </summary>
    public static Task<int> InsertAsync(DbContext context, TwoFactorChallenge challenge, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(context, "ChallengeStatements.Insert", BuildInsertSql, ColumnsOf(challenge).Select(c => c.Value).ToArray(), cancellationToken);

    /// <summary>Notes the channel and destination a code reached and the provider's id for it.</summary>
    public static Task<int> RecordDeliveryAsync(DbContext context, Guid challengeId, DeliveryChannel channel, string maskedDestination, string? providerMessageId, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(context, "ChallengeStatements.RecordDelivery", BuildRecordDeliverySql, [challengeId, (int)channel, maskedDestination, providerMessageId], cancellationToken);

    /// <summary>
    /// Counts an attempt against a waiting code, and uses the code when <paramref name="matches"/>, in one guarded
    /// UPDATE that also takes a slot of the verify-rate window; 0 when the row had no attempt or no slot left, or was
    /// no longer waiting.
    /// </summary>
    public static Task<int> CountAttemptAsync(DbContext context, Guid challengeId, bool matches, DateTime now, RateLimit? verifyRate, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(
            context,
            matches ? "ChallengeStatements.UseCode" : "ChallengeStatements.CountWrongCode",
            matches ? BuildUseCodeSql : BuildCountWrongCodeSql,
            [challengeId, now, verifyRate?.WindowAt(now) ?? 0L, verifyRate?.Count ?? int.MaxValue],
            cancellationToken);

    // {0} is the user, {1} the purpose and {2} the time now.
    private static string BuildSupersedeSql(IModel model) =>
        $"UPDATE {Table(model)} SET {Assign(model, (nameof(TwoFactorChallenge.State), $"{(int)ChallengeState.Superseded}"), (nameof(TwoFactorChallenge.EndedAt), "{2}"))} "
        + $"WHERE {Column(model, nameof(TwoFactorChallenge.UserId))} = {{0}} AND {Column(model, nameof(TwoFactorChallenge.TokenPurpose))} = {{1}} AND {Column(model, nameof(TwoFactorChallenge.State))} = {(int)ChallengeState.Active}";

    // {0} is the challenge's id, then its channel, masked destination and the provider's id.
    private static string BuildRecordDeliverySql(IModel model) =>
        $"UPDATE {Table(model)} SET {Assign(model, (nameof(TwoFactorChallenge.Channel), "{1}"), (nameof(TwoFactorChallenge.MaskedDestination), "{2}"), (nameof(TwoFactorChallenge.ProviderMessageId), "{3}"))} "
        + $"WHERE {Column(model, nameof(TwoFactorChallenge.Id))} = {{0}}";

    /// <summary>Every column of a challenge with the value it is stored as (enumerations as their numbers, as EF stores them).</summary>
    private static (string Property, object? Value)[] ColumnsOf(TwoFactorChallenge challenge) =>
    [
        (nameof(TwoFactorChallenge.Id), challenge.Id),
        (nameof(TwoFactorChallenge.UserId), challenge.UserId),
        (nameof(TwoFactorChallenge.TokenPurpose), challenge.TokenPurpose),
        (nameof(TwoFactorChallenge.Purpose), (int)challenge.Purpose),
        (nameof(TwoFactorChallenge.Channel), (int)challenge.Channel),
        (nameof(TwoFactorChallenge.MaskedDestination), challenge.MaskedDestination),
        (nameof(TwoFactorChallenge.ProviderMessageId), challenge.ProviderMessageId),
        (nameof(TwoFactorChallenge.DeliveryStatus), challenge.DeliveryStatus),
        (nameof(TwoFactorChallenge.Salt), challenge.Salt),
        (nameof(TwoFactorChallenge.CodeHash), challenge.CodeHash),
        (nameof(TwoFactorChallenge.CreatedAt), challenge.CreatedAt),
        (nameof(TwoFactorChallenge.ExpiresAt), challenge.ExpiresAt),
        (nameof(TwoFactorChallenge.Attempts), challenge.Attempts),
        (nameof(TwoFactorChallenge.MaxAttempts), challenge.MaxAttempts),
        (nameof(TwoFactorChallenge.VerifyWindow), challenge.VerifyWindow),
        (nameof(TwoFactorChallenge.VerifyWindowAttempts), challenge.VerifyWindowAttempts),
        (nameof(TwoFactorChallenge.State), (int)challenge.State),
        (nameof(TwoFactorChallenge.EndedAt), challenge.EndedAt),
    ];

    private static string BuildInsertSql(IModel model)
    {
        var table = Table(model);
        var properties = ColumnsOf(new TwoFactorChallenge()).Select(c => c.Property).ToList();
        var unwritten = model.FindEntityType(typeof(TwoFactorChallenge))!.GetProperties().Select(p => p.Name).Except(properties).ToList();
        if (unwritten.Count > 0)
        {
            // A column added to the entity must be added to ColumnsOf too, or new codes would silently leave it at its default.
            throw new InvalidOperationException($"The INSERT of a new code does not write {string.Join(", ", unwritten)}; add it to ChallengeStatements.ColumnsOf.");
        }

        return $"INSERT INTO {table} ({string.Join(", ", properties.Select(p => Column(model, p)))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => $"{{{i}}}"))}) ON CONFLICT DO NOTHING";
    }

    // {0} is the challenge's id, {1} the time now, {2} the verify-rate window now and {3} the codes it allows; only a
    // waiting row with an attempt left and a slot left in its window is changed.
    private static string BuildUseCodeSql(IModel model) => GuardedUpdate(model, Assign(model,
        (nameof(TwoFactorChallenge.State), $"{(int)ChallengeState.Used}"),
        (nameof(TwoFactorChallenge.EndedAt), "{1}")));

    private static string BuildCountWrongCodeSql(IModel model)
    {
        var lastAttempt = $"{Column(model, nameof(TwoFactorChallenge.Attempts))} + 1 >= {Column(model, nameof(TwoFactorChallenge.MaxAttempts))}";
        return GuardedUpdate(model, Assign(model,
            (nameof(TwoFactorChallenge.State), $"CASE WHEN {lastAttempt} THEN {(int)ChallengeState.Exhausted} ELSE {(int)ChallengeState.Active} END"),
            (nameof(TwoFactorChallenge.EndedAt), $"CASE WHEN {lastAttempt} THEN {{1}} ELSE {Column(model, nameof(TwoFactorChallenge.EndedAt))} END")));
    }

    private static string GuardedUpdate(IModel model, string assignments)
    {
        var attempts = Column(model, nameof(TwoFactorChallenge.Attempts));
        var window = Column(model, nameof(TwoFactorChallenge.VerifyWindow));
        var inWindow = Column(model, nameof(TwoFactorChallenge.VerifyWindowAttempts));
        return $"UPDATE {Table(model)} SET {attempts} = {attempts} + 1, "
            + $"{inWindow} = CASE WHEN {window} = {{2}} THEN {inWindow} + 1 ELSE 1 END, {window} = {{2}}, {assignments} "
            + $"WHERE {Column(model, nameof(TwoFactorChallenge.Id))} = {{0}} AND {Column(model, nameof(TwoFactorChallenge.State))} = {(int)ChallengeState.Active} "
            + $"AND {attempts} < {Column(model, nameof(TwoFactorChallenge.MaxAttempts))} AND ({window} <> {{2}} OR {inWindow} < {{3}})";
    }

    private static string Assign(IModel model, params (string Property, string Value)[] assignments) =>
        string.Join(", ", assignments.Select(a => $"{Column(model, a.Property)} = {a.Value}"));

    private static string Table(IModel model) => SqlStatements.Table<TwoFactorChallenge>(model);

    private static string Column(IModel model, string property) => SqlStatements.Column<TwoFactorChallenge>(model, property);
}
