using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Limber.DataBench;
using Limber.Domain.Catalogue;
using Npgsql;

// Issue 11, data at scale: a new PostgreSQL database filled with a year of Limber (by default 100,000 people and a
// coach with 200 clients), then the app's heaviest reads and the account deletion timed over HTTP against the built
// app. Figures go to stdout as plain tables; progress to stderr. See bench/README.md, "Data at scale (issue 11)".
// Exit code: 0 when every target is met, 1 when one is missed, 2 when the run could not be made.

const string Usage = """
    Limber.DataBench [options]
      --connection CS      a PostgreSQL server to create the database on (default: $LIMBER_BENCH_POSTGRES)
      --people N           people with accounts, the coach's clients among them (default 100000)
      --clients N          the coach's clients, each with a whole year of daily use (default 200)
      --seed N             the generator's seed (default 11)
      --days N             days of use up to today (default 365)
      --warmup N           requests before timing each read (default 300)
      --requests N         timed requests of each read (default 200)
      --exports N          timed exports (default 10)
      --deletions N        timed account deletions, each of a different person (default 5)
      --only READ,...      time only these: dashboard, client-progress, progress, page, export, delete
      --samples FILE       also write every timing, in the order taken, as CSV (request,n,ms)
      --database NAME      the database's name (default limber_bench_<UTC time>)
      --no-generate        measure the existing --database (made by an earlier run with the same --people,
                           --clients and --seed, kept with --keep-database)
      --no-measure         generate only
      --keep-database      keep the database afterwards (it is dropped by default)
      --keep-indexes       fill the tables with their indexes and keys in place (slower; by default they are
                           set aside, built once after the load and checked against the migrations')
      --repo DIR           the Limber checkout (default: found above the working folder)
      --app DLL            the built app (default DIR/src/Limber.Web/bin/Release/net10.0/Limber.Web.dll)
      --app-pid-file FILE  write the app's process id there while it runs
      --app-setting N=V    an extra environment variable for the app (repeatable), e.g.
                           Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information
    """;

void Say(string message) => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss}  {message}");

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
var ct = stop.Token;

var server = options.Connection ?? Environment.GetEnvironmentVariable("LIMBER_BENCH_POSTGRES");
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine("No PostgreSQL: give --connection or set LIMBER_BENCH_POSTGRES (bench/data/run.sh starts a throwaway one).");
    return 2;
}
var repo = options.Repo ?? FindRepository();
var databaseName = options.Database ?? $"limber_bench_{DateTime.UtcNow:yyyyMMdd_HHmmss}";
if (!System.Text.RegularExpressions.Regex.IsMatch(databaseName, "^[a-z_][a-z0-9_]{0,62}$"))
{
    Console.Error.WriteLine($"--database must be a plain lower-case name: {databaseName}");
    return 2;
}
var database = new NpgsqlConnectionStringBuilder(server) { Database = databaseName, MaxPoolSize = 20 }.ConnectionString;
var created = false;
var work = Directory.CreateTempSubdirectory("limber-databench-").FullName;
var exitCode = 2;
try
{
    var catalogue = LoadCatalogue(Path.Combine(repo, "content"));
    var now = DateTime.UtcNow;
    Say($"Planning {options.People:N0} people ({options.Clients} of them the coach's clients), {options.Days} days to {DateOnly.FromDateTime(now):yyyy-MM-dd}, seed {options.Seed}");
    var population = new Population(options.Seed, options.People, options.Clients, options.Days, now, catalogue);
    var generation = Stopwatch.StartNew();
    Generator? generator = null;
    if (options.Generate)
    {
        Say($"Creating database {databaseName}");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await SchemaKeys.ExecuteAsync(admin, $"CREATE DATABASE {SchemaKeys.Quote(databaseName)}", ct);
        }
        created = true;
        generator = new Generator(database, population, options.Seed, options.KeepIndexes, Say);
        Say("Migrating with the app's own migrations");
        await generator.MigrateAsync(ct);
        Say("Filling the tables (binary COPY)");
        await generator.FillAsync(ct);
    }
    generation.Stop();

    IReadOnlyList<Timing> timings = [];
    string loadBefore = "", loadAfter = "";
    if (options.Measure)
    {
        var accounts = await AccountsAsync(population, database, options.Deletions + 1, ct);
        var dll = options.App ?? Path.Combine(repo, "src", "Limber.Web", "bin", "Release", "net10.0", "Limber.Web.dll");
        using var app = await AppProcess.StartAsync(dll, repo, database, work, options.AppSettings, options.AppPidFile, Say, ct);
        try
        {
            using var measurement = new Measurement(app.Address, database, Say, ct);
            loadBefore = LoadAverage();
            timings = await measurement.RunAsync(accounts, options.WarmUp, options.Requests, options.Exports, options.Deletions, options.Only);
            loadAfter = LoadAverage();
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            Console.Error.WriteLine($"The app's log, last lines:\n{app.Tail()}");
            throw;
        }
    }

    await ReportAsync(options, population, databaseName, database, generator, generation.Elapsed, timings, (loadBefore, loadAfter), ct);
    if (options.Samples is { } samples && timings.Count > 0)
    {
        await File.WriteAllLinesAsync(samples,
            ["request,n,ms", .. timings.SelectMany(t => t.Millis.Select((ms, i) => string.Create(CultureInfo.InvariantCulture, $"\"{t.Request}\",{i + 1},{ms:F2}")))], ct);
    }
    exitCode = timings.Any(t => t.Met == false) ? 1 : 0;
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Say("Stopped.");
    exitCode = 130;
}
catch (Exception e) when (e is InvalidOperationException or NpgsqlException or HttpRequestException or IOException or ContentException)
{
    Say($"FAILED: {e.Message}");
    exitCode = 2;
}
catch (Exception e)
{
    // Anything else is a bug of the bench: the whole story, and the clean-up below still runs.
    Say($"FAILED: {e}");
    exitCode = 2;
}
finally
{
    if (created && !options.KeepDatabase)
    {
        Say($"Dropping database {databaseName}");
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync(CancellationToken.None);
            await SchemaKeys.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {SchemaKeys.Quote(databaseName)} WITH (FORCE)", CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            Say($"Could not drop {databaseName}: {e.Message}");
        }
    }
    else if (created)
    {
        Say($"Kept database {databaseName}");
    }
    Directory.Delete(work, recursive: true);
}
return exitCode;

// The machine's load average (1, 5 and 15 minutes): other work on it shows in the timings.
static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

static string FindRepository()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Limber.slnx")))
            {
                return dir.FullName;
            }
        }
    }
    throw new InvalidOperationException("Not inside a Limber checkout: give --repo.");
}

static ExerciseCatalogue LoadCatalogue(string content) =>
    CatalogueLoader.Load(
        new ContentFile("content/sources.yaml", File.ReadAllText(Path.Combine(content, "sources.yaml"))),
        Directory.EnumerateFiles(Path.Combine(content, "exercises"), "*.yaml")
            .Select(p => new ContentFile("content/exercises/" + Path.GetFileName(p), File.ReadAllText(p)))
            .ToList())
        .CatalogueOrThrow();

// The coach; client 0 for the progress reads, client 1 for the export; people who used Limber all year (not clients)
// for the deletions, those still in the database (an earlier run of --no-generate may have deleted some).
static async Task<BenchAccounts> AccountsAsync(Population population, string database, int deletions, CancellationToken ct)
{
    var clients = population.People.Where(p => p.Cohort == Cohort.Client).ToList();
    if (clients.Count < 2)
    {
        throw new InvalidOperationException("At least 2 clients are needed: one for the progress reads, one for the export.");
    }
    var candidates = population.People.Where(p => p.Cohort == Cohort.YearRound).Take(deletions * 20).ToList();
    await using var db = new NpgsqlConnection(database);
    await db.OpenAsync(ct);
    await using var command = new NpgsqlCommand("""SELECT "Id" FROM "AspNetUsers" WHERE "Id" = ANY($1)""", db);
    command.Parameters.AddWithValue(candidates.Select(p => p.Id).ToArray());
    var present = new HashSet<Guid>();
    await using (var reader = await command.ExecuteReaderAsync(ct))
    {
        while (await reader.ReadAsync(ct))
        {
            present.Add(reader.GetGuid(0));
        }
    }
    foreach (var needed in clients.Take(2).Append(population.Coach))
    {
        await using var check = new NpgsqlCommand("""SELECT count(*) FROM "AspNetUsers" WHERE "Id" = $1""", db);
        check.Parameters.AddWithValue(needed.Id);
        if ((long)(await check.ExecuteScalarAsync(ct))! != 1)
        {
            throw new InvalidOperationException($"{needed.Email} is not in the database: was it generated with the same --people, --clients and --seed?");
        }
    }
    return new BenchAccounts(
        population.Coach.Email, clients.Count, clients[0].Email, clients[0].Id, clients[1].Email,
        [.. candidates.Where(p => present.Contains(p.Id)).Take(deletions).Select(p => (p.Email, p.Id))]);
}

static async Task ReportAsync(
    Options options, Population population, string name, string database, Generator? generator, TimeSpan generation,
    IReadOnlyList<Timing> timings, (string Before, string After) load, CancellationToken ct)
{
    var c = CultureInfo.InvariantCulture;
    string server, settings;
    await using (var db = new NpgsqlConnection(database))
    {
        await db.OpenAsync(ct);
        await using var version = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('work_mem'), current_setting('fsync'), current_setting('synchronous_commit')", db);
        await using var reader = await version.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        server = reader.GetString(0);
        settings = $"shared_buffers {reader.GetString(1)}, work_mem {reader.GetString(2)}, fsync {reader.GetString(3)}, synchronous_commit {reader.GetString(4)}";
    }
    var o = Console.Out;
    o.WriteLine();
    o.WriteLine(string.Create(c, $"Limber data at scale (issue 11): {options.People:N0} people, {options.Clients} of them one coach's clients, {options.Days} days up to {population.Today:yyyy-MM-dd}, seed {options.Seed}"));
    o.WriteLine($"PostgreSQL {server} ({settings}); database {name}; {Environment.ProcessorCount} cores");

    if (generator is not null)
    {
        var (bytes, tables) = await generator.SizesAsync(ct);
        var size = tables.ToDictionary(t => t.Table, t => t.Bytes, StringComparer.Ordinal);
        o.WriteLine();
        o.WriteLine($"{"generation step",-58} {"rows",12} {"seconds",8} {"rows/s",10} {"size MB",8}");
        foreach (var f in generator.Figures)
        {
            var rows = f.Rows > 0 ? f.Rows.ToString("N0", c) : "";
            var rate = f.Rows > 0 ? (f.Rows / Math.Max(f.Took.TotalSeconds, 0.001)).ToString("N0", c) : "";
            var mb = size.TryGetValue(f.Step, out var b) ? (b / 1048576.0).ToString("N0", c) : "";
            o.WriteLine(string.Create(c, $"{f.Step,-58} {rows,12} {f.Took.TotalSeconds,8:F1} {rate,10} {mb,8}"));
        }
        var total = generator.Figures.Sum(f => f.Rows);
        o.WriteLine(string.Create(c, $"{"total (database created to analysed)",-58} {total,12:N0} {generation.TotalSeconds,8:F1} {"",10} {bytes / 1048576.0,8:N0}"));
    }

    if (timings.Count > 0)
    {
        o.WriteLine();
        o.WriteLine("Requests over HTTP, one after another on one connection, after warm-up; milliseconds from sending to the whole answer read");
        o.WriteLine($"(load average of the machine, 1/5/15 minutes: {load.Before} before, {load.After} after)");
        o.WriteLine($"{"request",-42} {"as",-52} {"n",4} {"min",7} {"p50",7} {"p95",7} {"p99",7} {"max",7}  target");
        foreach (var t in timings)
        {
            var target = t.TargetP95 is { } p ? string.Create(c, $"p95 < {p:F0} ms: {(t.Met == true ? "met" : "MISSED")}") : "";
            o.WriteLine(string.Create(c,
                $"{t.Request,-42} {t.Who,-52} {t.Millis.Count,4} {t.Millis.Min(),7:F1} {t.Percentile(50),7:F1} {t.Percentile(95),7:F1} {t.Percentile(99),7:F1} {t.Millis.Max(),7:F1}  {target}"));
        }
    }
}

/// <summary>The command line.</summary>
internal sealed record Options(
    string? Connection, int People, int Clients, ulong Seed, int Days, int WarmUp, int Requests, int Exports, int Deletions,
    string? Database, bool Generate, bool Measure, bool KeepDatabase, bool KeepIndexes, string? Repo, string? App, string? AppPidFile,
    IReadOnlyList<string> AppSettings, IReadOnlySet<string> Only, string? Samples, bool Help)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(null, 100_000, 200, 11, 365, 300, 200, 10, 5, null, true, true, false, false, null, null, null, [], new HashSet<string>(), null, false);
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Number(int min, int max) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : throw new ArgumentException($"{arg} takes a whole number from {min} to {max}.");
            o = arg switch
            {
                "--connection" => o with { Connection = Value() },
                "--people" => o with { People = Number(2, 10_000_000) },
                "--clients" => o with { Clients = Number(2, 100_000) },
                "--seed" => o with { Seed = (ulong)Number(0, int.MaxValue) },
                "--days" => o with { Days = Number(30, 3650) },
                "--warmup" => o with { WarmUp = Number(0, 100_000) },
                "--requests" => o with { Requests = Number(1, 1_000_000) },
                "--exports" => o with { Exports = Number(1, 10_000) },
                "--deletions" => o with { Deletions = Number(1, 1_000) },
                "--database" => o with { Database = Value() },
                "--no-generate" => o with { Generate = false },
                "--no-measure" => o with { Measure = false },
                "--keep-database" => o with { KeepDatabase = true },
                "--keep-indexes" => o with { KeepIndexes = true },
                "--repo" => o with { Repo = Path.GetFullPath(Value()) },
                "--app" => o with { App = Path.GetFullPath(Value()) },
                "--app-pid-file" => o with { AppPidFile = Path.GetFullPath(Value()) },
                "--app-setting" => Add(o, settings, Value()),
                "--only" => o with { Only = Reads(Value()) },
                "--samples" => o with { Samples = Path.GetFullPath(Value()) },
                "-h" or "--help" => o with { Help = true },
                _ => throw new ArgumentException($"Unknown option {arg}."),
            };
        }
        if (o.Clients > o.People)
        {
            throw new ArgumentException("--clients cannot be more than --people.");
        }
        if (!o.Generate && o.Database is null)
        {
            throw new ArgumentException("--no-generate needs --database: the name of a database an earlier run kept.");
        }
        return o with { AppSettings = settings };
    }

    private static HashSet<string> Reads(string list)
    {
        var reads = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = reads.Except(Measurement.Reads).ToList();
        return unknown.Count == 0 && reads.Count > 0
            ? reads
            : throw new ArgumentException($"--only takes some of {string.Join(", ", Measurement.Reads)}; not {string.Join(", ", unknown)}.");
    }

    private static Options Add(Options o, List<string> settings, string value)
    {
        settings.Add(value);
        return o;
    }
}
