using System.Collections;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Limber.Storage.Tests;

/// <summary>One row of one table, as read through the model, with every value in it.</summary>
public sealed record ScannedRow(IEntityType Table, string Key, IReadOnlyList<(string Column, object? Value)> Values)
{
    public string Name => $"{Table.GetTableName()}[{Key}]";

    /// <summary>The columns of this row that hold the id, or text containing the id or any of the given strings.</summary>
    public IEnumerable<string> ColumnsMentioning(Guid id, IEnumerable<string> texts)
    {
        string[] needles = [id.ToString("D"), id.ToString("N"), .. texts];
        return Values.Where(v => Mentions(v.Value, id, needles)).Select(v => v.Column);
    }

    private static bool Mentions(object? value, Guid id, string[] needles) => value switch
    {
        Guid guid => guid == id,
        string text => needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)),
        byte[] => false,
        IEnumerable list => list.Cast<object?>().Any(item => Mentions(item, id, needles)),
        _ => false,
    };
}

/// <summary>
/// Reads every row of every table the model maps, with every column (owned JSON parts, such as
/// a passkey's data, included), so tests can look for a person anywhere without listing tables.
/// </summary>
internal static class DatabaseScan
{
    private static readonly MethodInfo SetMethod =
        typeof(DbContext).GetMethod(nameof(DbContext.Set), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;

    /// <summary>Every table: the model's entity types other than owned parts (those are read with their owner).</summary>
    public static IReadOnlyList<IEntityType> Tables(LimberDbContext db) =>
        [.. db.Model.GetEntityTypes().Where(t => !t.IsOwned()).OrderBy(t => t.GetTableName(), StringComparer.Ordinal)];

    /// <summary>Tables that hold a person's rows: a PersonId column, or a foreign key to the account.</summary>
    public static IReadOnlyList<IEntityType> PersonTables(LimberDbContext db) =>
        [.. Tables(db).Where(t => t.FindProperty("PersonId") is not null
            || t.GetForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Person)))];

    /// <summary>Every row of every table. Use a fresh context: rows are tracked to read their values.</summary>
    public static async Task<List<ScannedRow>> AllRowsAsync(LimberDbContext db)
    {
        var rows = new List<ScannedRow>();
        foreach (var table in Tables(db))
        {
            var query = (IQueryable<object>)SetMethod.MakeGenericMethod(table.ClrType).Invoke(db, null)!;
            foreach (var row in await query.ToListAsync())
            {
                var entry = db.Entry(row);
                rows.Add(new ScannedRow(table, Key(entry), [.. ValuesOf(entry)]));
            }
        }

        return rows;
    }

    /// <summary>The rows that mention the person anywhere: their id in any column, their e-mail or user name in any text.</summary>
    public static async Task<List<ScannedRow>> RowsMentioningAsync(LimberDbContext db, SamplePerson person) =>
        [.. (await AllRowsAsync(db)).Where(r => r.ColumnsMentioning(person.Id, person.Identifying).Any())];

    private static string Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue switch
        {
            byte[] bytes => Convert.ToHexString(bytes),
            var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        }));

    private static IEnumerable<(string Column, object? Value)> ValuesOf(EntityEntry entry)
    {
        foreach (var property in entry.Metadata.GetProperties())
        {
            yield return (property.Name, entry.Property(property.Name).CurrentValue);
        }

        foreach (var owned in entry.Metadata.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
        {
            if (entry.Reference(owned.Name).TargetEntry is { } part)
            {
                foreach (var (column, value) in ValuesOf(part))
                {
                    yield return ($"{owned.Name}.{column}", value);
                }
            }
        }
    }
}
