using Microsoft.EntityFrameworkCore;
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
