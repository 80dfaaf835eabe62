using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class MigrationTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Migrations_apply_cleanly_to_an_empty_database_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        await using var node = await databases.StartNodeAsync(provider);
        (await AppliedMigrationsAsync(node)).ShouldBeEmpty();

        await node.MigrateLimberDatabaseAsync();
        var applied = await AppliedMigrationsAsync(node);
        applied.ShouldBe(AllMigrations(node));
        applied.ShouldNotBeEmpty();

        // Every start migrates, so the second run must be a no-op.
        await node.MigrateLimberDatabaseAsync();
        (await AppliedMigrationsAsync(node)).ShouldBe(applied);
        await using var scope = node.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.DataProtectionKeys.CountAsync()).ShouldBe(0);
        foreach (var table in DatabaseScan.Tables(db))
        {
            (await CountAsync(db, table.ClrType)).ShouldBe(0, $"{table.GetTableName()} after migrating an empty database");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_model_has_no_changes_missing_from_the_migrations(DatabaseProvider provider)
    {
        await using var node = await databases.StartNodeAsync(provider);
        await using var scope = node.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"the model changed without a {provider} migration: see src/Limber.Storage/README.md");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void The_compiled_model_the_app_uses_is_the_model_the_code_builds(DatabaseProvider provider)
    {
        var settings = new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=unused.db" : "Host=unused");
        using var built = Context(provider, settings.ConfigureModelBuilt);
        using var compiled = Context(provider, settings.Configure);
        compiled.Model.ShouldNotBeSameAs(built.Model);

        compiled.Model.ToDebugString(MetadataDebugStringOptions.LongDefault).ShouldBe(
            built.Model.ToDebugString(MetadataDebugStringOptions.LongDefault),
            $"the {provider} compiled model is out of date: make it again with the command in src/Limber.Storage/README.md");
    }

    private static LimberDbContext Context(DatabaseProvider provider, Action<DbContextOptionsBuilder> configure)
    {
        var options = provider == DatabaseProvider.Sqlite ? new DbContextOptionsBuilder<SqliteLimberDbContext>() : (DbContextOptionsBuilder)new DbContextOptionsBuilder<PostgresLimberDbContext>();
        configure(options);
        return provider switch
        {
            DatabaseProvider.Sqlite => new SqliteLimberDbContext(((DbContextOptionsBuilder<SqliteLimberDbContext>)options).Options),
            DatabaseProvider.Postgres => new PostgresLimberDbContext(((DbContextOptionsBuilder<PostgresLimberDbContext>)options).Options),
        };
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, null)]
    [InlineData(DatabaseProvider.Sqlite, "1.0")]
    [InlineData(DatabaseProvider.Sqlite, "2.0")]
    [InlineData(DatabaseProvider.Sqlite, "3.0")]
    [InlineData(DatabaseProvider.Postgres, null)]
    [InlineData(DatabaseProvider.Postgres, "1.0")]
    [InlineData(DatabaseProvider.Postgres, "3.0")]
    public void The_model_is_the_same_whatever_Identity_options_the_host_sets(DatabaseProvider provider, string? schemaVersion)
    {
        // Identity reads IdentityOptions.Stores from the host while building its tables; the
        // web host will set them, the design-time factories do not. Neither may change the model.
        var host = new ServiceCollection();
        if (schemaVersion is not null)
        {
            host.Configure<IdentityOptions>(o =>
            {
                o.Stores.SchemaVersion = Version.Parse(schemaVersion);
                o.Stores.MaxLengthForKeys = 0;
            });
        }

        using var hostServices = host.BuildServiceProvider();
        var settings = new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=unused.db" : "Host=unused");
        using var db = provider switch
        {
            DatabaseProvider.Sqlite => (LimberDbContext)new SqliteLimberDbContext(Options<SqliteLimberDbContext>(settings, hostServices)),
            DatabaseProvider.Postgres => new PostgresLimberDbContext(Options<PostgresLimberDbContext>(settings, hostServices)),
        };

        db.Database.HasPendingModelChanges().ShouldBeFalse();
        db.Model.FindEntityType(typeof(IdentityUserPasskey<Guid>)).ShouldNotBeNull();
    }

    private static DbContextOptions<TContext> Options<TContext>(DatabaseSettings settings, IServiceProvider host)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        settings.ConfigureModelBuilt(options);
        // EF Core caches one model per context type; each case here must build its own.
        return options.UseApplicationServiceProvider(host).ReplaceService<IModelCacheKeyFactory, ModelPerContext>().Options;
    }

    private sealed class ModelPerContext : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => new object();
    }

    private static readonly MethodInfo CountMethod =
        typeof(MigrationTests).GetMethod(nameof(CountOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<int> CountAsync(LimberDbContext db, Type entity) =>
        (Task<int>)CountMethod.MakeGenericMethod(entity).Invoke(null, [db])!;

    private static Task<int> CountOfAsync<T>(LimberDbContext db)
        where T : class => db.Set<T>().CountAsync();

    private static async Task<string[]> AppliedMigrationsAsync(IServiceProvider node)
    {
        await using var scope = node.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();
        return [.. await db.Database.GetAppliedMigrationsAsync()];
    }

    private static string[] AllMigrations(IServiceProvider node)
    {
        using var scope = node.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<LimberDbContext>().Database.GetMigrations()];
    }
}
