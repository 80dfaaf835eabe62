using Npgsql;

namespace Limber.DataBench;

/// <summary>One index or constraint of the migrated schema, as PostgreSQL itself prints it.</summary>
/// <param name="Kind">p (primary key), u (unique), f (foreign key) or i (an index that backs no constraint).</param>
internal sealed record SchemaKey(string Table, string Name, char Kind, string Definition);

/// <summary>
/// The indexes, keys and foreign keys the migrations made, put aside while the tables are filled and put back after, as
/// bulk loads are done: building an index once over all rows is much quicker than keeping it up to date row by row,
/// and checking a foreign key once for a whole table quicker than one row at a time. The definitions are read from
/// PostgreSQL (pg_get_indexdef, pg_get_constraintdef) before anything is dropped, restored verbatim, and compared
/// with what is there afterwards, so the schema measured is exactly the migrations' schema. CHECK constraints stay.
/// </summary>
internal static class SchemaKeys
{
    public static async Task<IReadOnlyList<SchemaKey>> ReadAsync(NpgsqlConnection db, CancellationToken ct)
    {
        const string sql = """
            SELECT t.relname, c.conname, c.contype::text, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f') AND t.relname <> '__EFMigrationsHistory'
            UNION ALL
            SELECT t.relname, x.relname, 'i', pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class x ON x.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname <> '__EFMigrationsHistory'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY 1, 2
            """;
        var keys = new List<SchemaKey>();
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new SchemaKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)[0], reader.GetString(3)));
        }
        return keys;
    }

    /// <summary>Drops them all: foreign keys first, then primary and unique keys, then the other indexes.</summary>
    public static async Task DropAsync(NpgsqlConnection db, IReadOnlyList<SchemaKey> keys, CancellationToken ct)
    {
        foreach (var key in keys.Where(k => k.Kind == 'f'))
        {
            await ExecuteAsync(db, $"ALTER TABLE {Quote(key.Table)} DROP CONSTRAINT {Quote(key.Name)}", ct);
        }
        foreach (var key in keys.Where(k => k.Kind is 'p' or 'u'))
        {
            await ExecuteAsync(db, $"ALTER TABLE {Quote(key.Table)} DROP CONSTRAINT {Quote(key.Name)}", ct);
        }
        foreach (var key in keys.Where(k => k.Kind == 'i'))
        {
            await ExecuteAsync(db, $"DROP INDEX {Quote(key.Name)}", ct);
        }
    }

    /// <summary>
    /// Puts them back on <paramref name="workers"/> connections: each table's indexes and keys on one connection
    /// (largest tables first), then every foreign key, added NOT VALID and then validated (one scan per key; the
    /// validation takes locks that let validations of different tables run side by side). Answers the time taken.
    /// </summary>
    public static async Task RestoreAsync(string connectionString, IReadOnlyList<SchemaKey> keys, int workers, Action<string> say, CancellationToken ct)
    {
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync(ct);
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand(
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'", db))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    sizes[reader.GetString(0)] = reader.GetInt64(1);
                }
            }
            var tables = keys.Where(k => k.Kind != 'f').GroupBy(k => k.Table)
                .OrderByDescending(g => sizes.GetValueOrDefault(g.Key))
                .Select(g => (Table: g.Key, Steps: g.OrderBy(k => k.Kind == 'i' ? 1 : 0).Select(Statement).ToList()))
                .ToList();
            await RunAsync(connectionString, workers, tables, "indexes and keys", say, ct);

            var foreign = keys.Where(k => k.Kind == 'f').ToList();
            foreach (var key in foreign)
            {
                await ExecuteAsync(db, $"ALTER TABLE {Quote(key.Table)} ADD CONSTRAINT {Quote(key.Name)} {key.Definition} NOT VALID", ct);
            }
            var validations = foreign.GroupBy(k => k.Table)
                .OrderByDescending(g => sizes.GetValueOrDefault(g.Key))
                .Select(g => (Table: g.Key, Steps: g.Select(k => $"ALTER TABLE {Quote(k.Table)} VALIDATE CONSTRAINT {Quote(k.Name)}").ToList()))
                .ToList();
            await RunAsync(connectionString, workers, validations, "foreign keys checked", say, ct);
        }
    }

    /// <summary>Fails unless the schema has exactly <paramref name="expected"/> again.</summary>
    public static async Task CheckAsync(NpgsqlConnection db, IReadOnlyList<SchemaKey> expected, CancellationToken ct)
    {
        var now = await ReadAsync(db, ct);
        var missing = expected.Except(now).ToList();
        var extra = now.Except(expected).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new InvalidOperationException(
                "The indexes and keys differ from the migrations' after the load. Missing: "
                + string.Join("; ", missing.Select(k => $"{k.Table}.{k.Name} {k.Definition}"))
                + ". Unexpected: " + string.Join("; ", extra.Select(k => $"{k.Table}.{k.Name} {k.Definition}")));
        }
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND NOT c.convalidated", db);
        if ((long)(await command.ExecuteScalarAsync(ct))! != 0)
        {
            throw new InvalidOperationException("A constraint is still NOT VALID after the load.");
        }
    }

    private static string Statement(SchemaKey key) => key.Kind == 'i'
        ? key.Definition
        : $"ALTER TABLE {Quote(key.Table)} ADD CONSTRAINT {Quote(key.Name)} {key.Definition}";

    private static async Task RunAsync(
        string connectionString, int workers, List<(string Table, List<string> Steps)> work, string what, Action<string> say, CancellationToken ct)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(string Table, List<string> Steps)>(work);
        var tasks = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(async () =>
        {
            await using var db = new NpgsqlConnection(connectionString);
            await db.OpenAsync(ct);
            // The workers share two cores: no parallel workers of their own on top.
            await ExecuteAsync(db, "SET maintenance_work_mem = '256MB'; SET max_parallel_maintenance_workers = 0", ct);
            while (queue.TryDequeue(out var item))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                foreach (var step in item.Steps)
                {
                    await ExecuteAsync(db, step, ct);
                }
                say($"  {item.Table}: {item.Steps.Count} {what} in {watch.Elapsed.TotalSeconds:F1} s");
            }
        }, ct)).ToList();
        await Task.WhenAll(tasks);
    }

    public static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
