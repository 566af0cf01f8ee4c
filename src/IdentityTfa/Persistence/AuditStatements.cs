using IdentityTfa.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Persistence;

/// <summary>
/// The audit table's INSERT, written by hand: every send, verify and sign-in writes audit rows, and the change tracker
/// cost 18 KB and more per verify (bench/README.md). Several rows go in one statement.
/// </summary>
internal static class AuditStatements
{
    /// <summary>The columns, in the order of each row's values.</summary>
    public static readonly string[] Columns =
    [
        nameof(AuditEvent.At), nameof(AuditEvent.Type), nameof(AuditEvent.UserId), nameof(AuditEvent.ActorId), nameof(AuditEvent.IpAddress),
        nameof(AuditEvent.UserAgent), nameof(AuditEvent.Channel), nameof(AuditEvent.Purpose), nameof(AuditEvent.MaskedDestination),
        nameof(AuditEvent.Provider), nameof(AuditEvent.ProviderMessageId), nameof(AuditEvent.Detail), nameof(AuditEvent.OldValue), nameof(AuditEvent.NewValue),
    ];

    /// <summary>Inserts the rows, each holding the values of <see cref="Columns"/> in order.</summary>
    public static Task<int> InsertAsync(DbContext context, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(
            context,
            $"Audit.Insert{rows.Count}",
            model => BuildInsertSql(model, rows.Count),
            rows.Count == 1 ? rows[0] : rows.SelectMany(row => row).ToArray(),
            cancellationToken);

    private static string BuildInsertSql(IModel model, int rows) =>
        $"INSERT INTO {SqlStatements.Table<AuditEvent>(model)} ({string.Join(", ", Columns.Select(column => SqlStatements.Column<AuditEvent>(model, column)))}) VALUES "
        + string.Join(", ", Enumerable.Range(0, rows).Select(row => $"({string.Join(", ", Columns.Select((_, i) => $"{{{(row * Columns.Length) + i}}}"))})"));
}
