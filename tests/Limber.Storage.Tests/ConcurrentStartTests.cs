using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class ConcurrentStartTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Nodes_starting_together_on_an_empty_database_migrate_it_once(DatabaseProvider provider)
    {
        await using var first = await databases.StartNodeAsync(provider);
        await using var second = await databases.StartNodeAsync(provider);

        await Task.WhenAll(
            Task.Run(() => first.MigrateLimberDatabaseAsync()),
            Task.Run(() => second.MigrateLimberDatabaseAsync()));

        await using var scope = first.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
    }
}
