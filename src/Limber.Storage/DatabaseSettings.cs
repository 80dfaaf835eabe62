using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Limber.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database Limber uses, read once from configuration. Registration and the design-time
/// factories both configure EF Core through <see cref="Configure"/>, so the model the
/// migrations are generated from is the model the app runs with.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Limber:Database:Provider";
    public const string ConnectionStringKey = "Limber:Database:ConnectionString";
    public const string DataPathKey = "Limber:DataPath";
    public const string DefaultDataPath = "data";
    public const string DefaultSqliteFileName = "limber.db";

    /// <summary>
    /// Reads the settings, failing fast with the name of the setting at fault. For SQLite with no
    /// connection string, the data folder is created here because SQLite creates files, not folders.
    /// </summary>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRootPath);

        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration[ConnectionStringKey];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return Checked(new DatabaseSettings(provider, connectionString));
        }

        if (provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                $"{ConnectionStringKey} is required when {ProviderKey} is Postgres, "
                + "e.g. Host=db.example;Database=limber;Username=limber;Password=…");
        }

        var dataFolder = DataFolder(configuration, contentRootPath);
        Directory.CreateDirectory(dataFolder);
        return new DatabaseSettings(DatabaseProvider.Sqlite, SqliteFile(Path.Combine(dataFolder, DefaultSqliteFileName)));
    }

    // In a method of its own, like UseSqlite below: an app on PostgreSQL does not load SQLite's driver to read its settings.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string SqliteFile(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString;

    /// <summary>
    /// The data folder (<c>Limber:DataPath</c>, by default <c>data</c> under <paramref name="contentRootPath"/>), as a
    /// full path: the SQLite file, and anything else kept on disk (such as mails written out in development).
    /// </summary>
    public static string DataFolder(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataPath = configuration[DataPathKey];
        return Path.GetFullPath(
            string.IsNullOrWhiteSpace(dataPath) ? DefaultDataPath : dataPath,
            Path.GetFullPath(contentRootPath));
    }

    /// <summary>Points EF Core at this database, with the provider's compiled model (see <see cref="ConfigureModelBuilt"/>).</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ConfigureModelBuilt(options);
        options.UseModel(Provider == DatabaseProvider.Sqlite ? SqliteModel() : PostgresModel());
    }

    /// <summary>
    /// Points EF Core at this database, with the model built from the code at first use: what <c>dotnet ef</c> needs to
    /// make migrations and the compiled models (src/Limber.Storage/README.md). The app uses the compiled model instead,
    /// which saves building it at every start; a test fails when the two differ.
    /// </summary>
    public void ConfigureModelBuilt(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Provider == DatabaseProvider.Sqlite)
        {
            UseSqlite(options, ConnectionString);
        }
        else
        {
            UsePostgres(options, ConnectionString);
        }
    }

    // Each provider in a method of its own, never inlined: an app on SQLite does not load PostgreSQL's driver (a
    // megabyte and more of idle memory, issue 11), nor the other way round.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseSqlite(DbContextOptionsBuilder options, string connectionString) => options.UseSqlite(connectionString);

    // Without EF Core's thread-safety checks on PostgreSQL (issue 11): each row read entered and left the check, which
    // sets an AsyncLocal twice, and a coach dashboard's 35,000 rows made about 9 MB of execution contexts for it. The
    // check only ever throws, when one context is used by two operations at once: Limber's contexts are per request or
    // per scope and awaited one operation at a time, and on SQLite, where most tests run, the check stays on to catch
    // any that were not.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UsePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithPostgresDefaults(connectionString)).EnableThreadSafetyChecks(false);

    /// <summary>
    /// The connection string with Limber's defaults for what it leaves unsaid (issue 11): statements used again and
    /// again are prepared on the server (<c>Max Auto Prepare</c>, after two uses), a connection going back to the
    /// pool keeps its prepared statements instead of being reset (<c>No Reset On Close</c>: Limber leaves no session
    /// state on the pool's connections; the migration lock uses one of its own), and no GSSAPI (Kerberos) encryption
    /// is tried before TLS (<c>GSS Encryption Mode</c> Disable: trying it loads the Kerberos libraries, about a
    /// megabyte of idle memory, for servers that almost never offer it). Anything the string says wins.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var said = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = said.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 32;
        }
        if (!keys.Contains("AUTOPREPAREMINUSAGES"))
        {
            builder.AutoPrepareMinUsages = 2;
        }
        if (!keys.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }
        if (!keys.Contains("GSSENCRYPTIONMODE"))
        {
            builder.GssEncryptionMode = GssEncryptionMode.Disable;
        }
        return builder.ConnectionString;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IModel SqliteModel() => CompiledModels.Sqlite.SqliteLimberDbContextModel.Instance;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IModel PostgresModel() => CompiledModels.Postgres.PostgresLimberDbContextModel.Instance;

    /// <summary>Where the data is, for the start-up log; never shows a password.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite ? DescribeSqlite(ConnectionString) : DescribePostgres(ConnectionString);

    // The record's generated ToString would print the connection string, password included.
    public override string ToString() => Describe();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string DescribeSqlite(string connectionString)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        return sqlite.DataSource is "" or ":memory:" ? "SQLite in memory" : $"SQLite file {Path.GetFullPath(sqlite.DataSource)}";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string DescribePostgres(string connectionString)
    {
        var postgres = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL host={postgres.Host};port={postgres.Port};database={postgres.Database ?? postgres.Username}";
    }

    // By name only: Enum.Parse would also take "1" for Postgres.
    private static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (provider.ToString().Equals(value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new InvalidOperationException($"{ProviderKey} is '{value}'; use Sqlite (the default) or Postgres.");
    }

    // A malformed connection string should stop start-up, not the first request.
    private static DatabaseSettings Checked(DatabaseSettings settings)
    {
        try
        {
            // Describing parses the connection string.
            _ = settings.Describe();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"{ConnectionStringKey} is not a valid {settings.Provider} connection string: {e.Message}", e);
        }

        return settings;
    }
}
