using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// The real app on a real Kestrel port, like <see cref="LimberServer"/>, but with account settings of its own:
/// by default an allowance of attempts no test reaches and a short lockout count, so that tests can sign in
/// as often as they like and still see a lockout quickly. <see cref="With"/> sets any other values.
/// </summary>
public sealed class AccountServer : WebApplicationFactory<global::Program>
{
    /// <summary>Wrong passwords before the account locks, on the default server.</summary>
    public const int LockoutAttempts = 3;

    private static readonly Dictionary<string, string?> Defaults = new(StringComparer.Ordinal)
    {
        ["Limber:Accounts:AttemptsPerMinute"] = "100000",
        ["Limber:Accounts:LockoutAttempts"] = LockoutAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private readonly Dictionary<string, string?> _settings;
    private readonly LogCapture _logs = new();

    // xunit fixtures may have one public constructor only, so the variant with settings is a factory.
    public AccountServer()
        : this(null)
    {
    }

    private AccountServer(IReadOnlyDictionary<string, string?>? settings)
    {
        _settings = new Dictionary<string, string?>(Defaults, StringComparer.Ordinal);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        DataPath = Directory.CreateTempSubdirectory("limber-accounts-").FullName;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    /// <summary>A server with these settings on top of the defaults (e.g. <c>Limber:Accounts:AttemptsPerMinute</c>).</summary>
    public static AccountServer With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>The data folder: <c>limber.db</c> and the <c>mail</c> folder.</summary>
    public string DataPath { get; }

    public string DatabasePath => Path.Combine(DataPath, "limber.db");

    public string MailFolder => Path.Combine(DataPath, "mail");

    /// <summary>Every log line the app has written, at every level.</summary>
    public IReadOnlyCollection<string> LogLines => _logs.Lines;

    public HttpClient CreateHttpClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Limber:DataPath", DataPath);
        // With no address set, the app would ask for its default port, which a copy someone is running may hold.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(_logs);
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite is cleaned up with the temp folder later.
        }
    }
}

/// <summary>One account server shared by the account test classes that only add people of their own.</summary>
[CollectionDefinition(Name)]
public sealed class AccountServerCollection : ICollectionFixture<AccountServer>
{
    public const string Name = "accounts";
}
