using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Limber.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// Registers <see cref="LimberDbContext"/> on the configured provider, keeps data-protection
    /// keys in it, so every web node on the same database shares them, and registers
    /// <see cref="PersonData"/> (export and deletion of a person's data) per scope. Uses the
    /// host's <see cref="TimeProvider"/> when it has one.
    /// </summary>
    public static IServiceCollection AddLimberStorage(
        this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = DatabaseSettings.FromConfiguration(configuration, contentRootPath);
        services.AddSingleton(settings);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContextPool<LimberDbContext, SqliteLimberDbContext>(settings.Configure),
            DatabaseProvider.Postgres => services.AddDbContextPool<LimberDbContext, PostgresLimberDbContext>(settings.Configure),
        };

        services.AddDataProtection()
            .PersistKeysToDbContext<LimberDbContext>()
            .SetApplicationName("Limber");
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<PersonData>();
        if (SqliteStampReader.Fits(settings))
        {
            // Made by the container, so that it closes the reader's connections when the app stops.
            services.AddSingleton(_ => new SqliteStampReader(settings));
        }
        if (KeptStampsAge(settings, configuration) is { } age)
        {
            AddKeptStamps(services, settings, age);
        }
        services.AddScoped<DataStamps>();
        services.AddScoped<ConsentRecords>();
        services.AddScoped<ScreenRecords>();
        services.AddScoped<ProgramRecords>();
        services.AddScoped<ProfileRecords>();
        // DoseRecords needs the exercise catalogue, which the host registers.
        services.TryAddSingleton(Limber.Domain.Safety.ProgressionSettings.Default);
        services.AddScoped<DoseRecords>();
        services.AddScoped<SessionRecords>();
        services.AddScoped<CheckInRecords>();
        services.AddScoped<ReminderRecords>();
        services.AddScoped<DueReminderRecords>();
        services.AddScoped<PushDeviceRecords>();
        services.AddScoped<CoachRecords>();
        services.AddScoped<DashboardRecords>();
        services.AddScoped<PrescriptionRecords>();

        return services;
    }

    /// <summary>
    /// How long this node keeps people's stamps (<see cref="KeptStamps"/>, PostgreSQL only): <c>Limber:Database:KeptStampsSeconds</c>,
    /// 60 unless set; null when none are kept (SQLite, or 0).
    /// </summary>
    public static TimeSpan? KeptStampsAge(DatabaseSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var said = configuration[KeptStamps.SecondsKey];
        var seconds = 60;
        if (!string.IsNullOrWhiteSpace(said)
            && (!int.TryParse(said, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds > 3600))
        {
            throw new InvalidOperationException($"{KeptStamps.SecondsKey} must be a whole number of seconds from 0 (keep none) to 3600, not \"{said}\".");
        }
        return settings.Provider == DatabaseProvider.Postgres && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static void AddKeptStamps(IServiceCollection services, DatabaseSettings settings, TimeSpan age)
    {
        services.AddSingleton(sp => new KeptStamps(
            settings, age, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<KeptStamps>>() ?? NullLogger<KeptStamps>.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<KeptStamps>());
    }

    /// <summary>
    /// Brings the database up to the latest migration. Safe on every start, and with several
    /// nodes starting at once: one node migrates while the others wait (see <see cref="MigrationLock"/>),
    /// then find nothing left to do.
    /// </summary>
    public static async Task MigrateLimberDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();
        if (scope.ServiceProvider.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging, kept in the file: readers no longer wait for a writer, and a commit is one write
            // (and one flush, synchronous stays FULL) to the log instead of a rollback journal's several. A killed
            // process loses nothing it committed (CrashTests).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct).ConfigureAwait(false);
        }
        // The usual start, on a database already up to date, reads the migrations history and nothing more: EF Core's
        // migrate would also build the last migration's model and compare it with the code's (about a second).
        if (!(await db.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)).Any())
        {
            return;
        }
        var migrationLock = await MigrationLock.AcquireAsync(scope.ServiceProvider.GetRequiredService<DatabaseSettings>(), ct).ConfigureAwait(false);
        await using (migrationLock.ConfigureAwait(false))
        {
            await db.Database.MigrateAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Where the data is, for the start-up log line; never shows a password.</summary>
    public static string DescribeDatabase(this IServiceProvider services) =>
        services.GetRequiredService<DatabaseSettings>().Describe();
}
