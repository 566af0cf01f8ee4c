using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdentityTfa.Data;

/// <summary>
/// SQL written by hand for the statements on the sign-in path, where the change tracker and the LINQ pipeline cost
/// more than the statement itself. Each text is built once per model from its table and column names, in the quoting
/// that SQLite and PostgreSQL both read, and kept.
/// </summary>
internal static class SqlStatements
{
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, string>> Built = [];

    /// <summary>The statement called <paramref name="name"/> for this context's model, built by <paramref name="build"/> the first time.</summary>
    public static string For(DbContext context, string name, Func<IModel, string> build) =>
        Built.GetValue(context.Model, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal)).GetOrAdd(name, _ => build(context.Model));

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
