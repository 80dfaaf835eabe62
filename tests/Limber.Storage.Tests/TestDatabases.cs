using Limber.Domain.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Limber.Storage.Tests;

/// <summary>
/// The databases of one test class: a SQLite file in a temporary folder and a uniquely named
/// PostgreSQL database, each made on first use (so the SQLite cases run even when PostgreSQL
/// is missing) and removed when the class is done.
/// </summary>
public sealed class TestDatabases : IAsyncLifetime
{
    private readonly string _postgresName = $"limber_test_{Guid.NewGuid():N}";
    private string? _postgresConnectionString;

    /// <summary>A folder of this class's own, also used as the content root.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("limber-storage-tests-").FullName;

    /// <summary>
    /// A web node's storage on this class's database: call it twice for two nodes sharing one database.
    /// </summary>
    public async Task<ServiceProvider> StartNodeAsync(DatabaseProvider provider) =>
        StartNode(await ConfigurationAsync(provider), Folder);

    /// <summary>A node whose database is migrated: the state every start of the web host leaves.</summary>
    public async Task<ServiceProvider> MigratedNodeAsync(DatabaseProvider provider)
    {
        var node = await StartNodeAsync(provider);
        await node.MigrateLimberDatabaseAsync();
        return node;
    }

    /// <summary>
    /// A context built by hand on this class's database, for what registration does not offer:
    /// interceptors that make a write fail on purpose. Migrate first (<see cref="MigratedNodeAsync"/>).
    /// </summary>
    public async Task<LimberDbContext> ContextAsync(DatabaseProvider provider, params IInterceptor[] interceptors)
    {
        var settings = DatabaseSettings.FromConfiguration(await ConfigurationAsync(provider), Folder);
        return provider switch
        {
            DatabaseProvider.Sqlite => new SqliteLimberDbContext(Options<SqliteLimberDbContext>(settings, interceptors)),
            DatabaseProvider.Postgres => new PostgresLimberDbContext(Options<PostgresLimberDbContext>(settings, interceptors)),
        };
    }

    private static DbContextOptions<TContext> Options<TContext>(DatabaseSettings settings, IInterceptor[] interceptors)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        settings.Configure(options);
        return options.AddInterceptors(interceptors).Options;
    }

    public static ServiceProvider StartNode(IConfiguration configuration, string contentRootPath) =>
        new ServiceCollection()
            .AddSingleton(RepositoryFiles.Catalogue)
            .AddLimberStorage(configuration, contentRootPath)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    public async Task<IConfiguration> ConfigurationAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Configuration(
            (DatabaseSettings.ProviderKey, "Sqlite"),
            (DatabaseSettings.ConnectionStringKey, $"Data Source={Path.Combine(Folder, "limber.db")}")),
        DatabaseProvider.Postgres => Configuration(
            (DatabaseSettings.ProviderKey, "Postgres"),
            (DatabaseSettings.ConnectionStringKey, await PostgresAsync())),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Pooled connections keep the file open and the database in use.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        if (_postgresConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }
    }

    private async Task<string> PostgresAsync()
    {
        if (_postgresConnectionString is null)
        {
            await ExecuteOnServerAsync($"CREATE DATABASE \"{_postgresName}\"");
            _postgresConnectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString)
            {
                Database = _postgresName,
            }.ConnectionString;
        }

        return _postgresConnectionString;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
