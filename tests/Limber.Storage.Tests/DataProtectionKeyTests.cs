using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class DataProtectionKeyTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_payload_protected_on_one_node_is_unprotected_on_another_sharing_the_database(DatabaseProvider provider)
    {
        // Two service providers stand for two web nodes: they share nothing but the database.
        await using var first = await databases.StartNodeAsync(provider);
        await using var second = await databases.StartNodeAsync(provider);
        await first.MigrateLimberDatabaseAsync();

        var secret = Protector(first).Protect("sign-in cookie");

        Protector(second).Unprotect(secret).ShouldBe("sign-in cookie");
        await using var scope = second.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<LimberDbContext>().DataProtectionKeys.ToListAsync();
        keys.ShouldHaveSingleItem().Xml.ShouldNotBeNullOrEmpty();
    }

    private static IDataProtector Protector(IServiceProvider node) =>
        node.GetRequiredService<IDataProtectionProvider>().CreateProtector("Limber.Storage.Tests");
}
