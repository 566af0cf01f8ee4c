using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace IdentityTfa.Persistence;

/// <summary>
/// SQL written by hand for the statements on the sign-in path, where the change tracker and the LINQ pipeline cost
/// more than the statement itself. Each text is built once per model from its table and column names, in the quoting
/// that SQLite and PostgreSQL both read, and kept.
/// </summary>
internal static partial class SqlStatements
{
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, string>> Built = [];

    /// <summary>
    /// The statement called <paramref name="name"/> for this model, built by <paramref name="build"/> (its <c>{n}</c>
    /// made <c>@pn</c>) the first time; after that a lookup that allocates nothing, as it runs on every verify.
    /// </summary>
    private static string TextOf(IModel model, string name, Func<IModel, string> build) =>
        Built.GetValue(model, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal))
            .GetOrAdd(name, static (_, made) => Placeholder().Replace(made.build(made.model), "@p$1"), (model, build));

    /// <summary>
    /// Runs the statement called <paramref name="name"/> (built once per model by <paramref name="build"/>, <c>{n}</c>
    /// standing for the n-th of <paramref name="values"/>) in the context's connection and transaction. It goes
    /// straight to the connection rather than through EF's raw-SQL pipeline, which allocated four times as much per
    /// statement (its own command, parameter and logging objects, and the text formatted anew each time); the values
    /// are bound by EF's own type mappings, so they are stored exactly as EF stores them.
    /// </summary>
    public static async Task<int> ExecuteAsync(DbContext context, string name, Func<IModel, string> build, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        var text = TextOf(context.Model, name, build);
        var database = context.Database;
        var mappings = context.GetService<IRelationalTypeMappingSource>();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = text;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            if (database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            for (var i = 0; i < values.Count; i++)
            {
                command.Parameters.Add(mappings.GetMappingForValue(values[i]).CreateParameter(command, ParameterNames.Get(i), values[i]));
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    /// <summary>The quoted table of an entity, with its schema when it has one.</summary>
    public static string Table<TEntity>(IModel model)
    {
        var entity = Entity<TEntity>(model);
        return entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
    }

    /// <summary>The quoted column of an entity's property.</summary>
    public static string Column<TEntity>(IModel model, string property) =>
        $"\"{Entity<TEntity>(model).FindProperty(property)!.GetColumnName()}\"";

    private static IEntityType Entity<TEntity>(IModel model) =>
        model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"The context's model has no {typeof(TEntity).Name}; call ModelBuilder.AddIdentityTfa.");
}

/// <summary>"@p0", "@p1" and so on, made once each.</summary>
internal static class ParameterNames
{
    private static readonly ConcurrentDictionary<int, string> Names = new();

    public static string Get(int index) => Names.GetOrAdd(index, i => $"@p{i}");
}
