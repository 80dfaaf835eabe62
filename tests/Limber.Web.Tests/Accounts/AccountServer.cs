using Microsoft.Data.Sqlite;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// A <see cref="LimberServer"/> for the account tests, with a short lockout count, so that a lockout shows after a
/// few wrong passwords; <see cref="With"/> sets any other values.
/// </summary>
public sealed class AccountServer : LimberServer
{
    /// <summary>Wrong passwords before the account locks, on the default server.</summary>
    public const int LockoutAttempts = 3;

    public AccountServer()
        : this(null)
    {
    }

    private AccountServer(IReadOnlyDictionary<string, string?>? settings)
        : base(null, WithDefaults(settings))
    {
    }

    /// <summary>A server with these settings on top of the defaults (e.g. <c>Limber:Accounts:AttemptsPerMinute</c>).</summary>
    public static AccountServer With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    private static Dictionary<string, string?> WithDefaults(IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Limber:Accounts:LockoutAttempts"] = LockoutAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return all;
    }

    public string DatabasePath => Path.Combine(DataPath, "limber.db");

    /// <summary>The number of rows in every table of the database, read straight from the SQLite file.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RowCountsAsync()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
#pragma warning disable CA2100 // The table names come from sqlite_master, not from input.
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
#pragma warning restore CA2100
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    /// <summary>The mails written so far, oldest first (the file names start with the time).</summary>
    public IReadOnlyList<string> MailFiles() =>
        Directory.Exists(MailFolder) ? [.. Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal)] : [];
}

/// <summary>One account server shared by the account test classes that only add people of their own.</summary>
[CollectionDefinition(Name)]
public sealed class AccountServerCollection : ICollectionFixture<AccountServer>
{
    public const string Name = "accounts";
}
