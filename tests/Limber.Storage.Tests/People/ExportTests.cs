using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class ExportTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Every_person_owned_table_and_every_column_of_it_is_in_the_export(DatabaseProvider provider)
    {
        // A guard over the model, not over data: a new table or column with a PersonId fails here
        // until PersonExport carries it.
        await using var node = await databases.StartNodeAsync(provider);
        await using var scope = node.CreateAsyncScope();
        var exported = typeof(PersonExport).GetProperties().ToDictionary(p => p.Name);

        foreach (var table in PersonOwned(scope.Db().Model))
        {
            var name = table.GetTableName()!;
            exported.ShouldContainKey(name, $"PersonExport has no {name}");
            var rowType = exported[name].PropertyType.GetGenericArguments().ShouldHaveSingleItem();
            var columns = rowType.GetProperties().Select(p => p.Name).ToHashSet();
            foreach (var column in table.GetProperties().Select(p => p.Name))
            {
                columns.ShouldContain(column, $"{rowType.Name} lacks {name}.{column}");
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_export_holds_every_row_of_the_person_and_nothing_of_anyone_else(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson asking, other;
        await using (var scope = node.CreateAsyncScope())
        {
            asking = Samples.AddPerson(scope.Db(), "asking");
            other = Samples.AddPerson(scope.Db(), "other");
            await scope.Db().SaveChangesAsync();
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var export = (await scope.ServiceProvider.GetRequiredService<PersonData>().ExportAsync(asking.Id)).ShouldNotBeNull();
            var tables = export.Tables().ToDictionary(t => t.Name);
            var rows = await DatabaseScan.AllRowsAsync(scope.Db());

            tables.Keys.ShouldBe(PersonOwned(scope.Db().Model).Select(t => t.GetTableName()!), ignoreOrder: true);
            foreach (var table in PersonOwned(scope.Db().Model))
            {
                var stored = rows.Where(r => r.Table == table && Equals(Value(r, "PersonId"), asking.Id)).Select(r => Value(r, "Id"));
                var inExport = tables[table.GetTableName()!].Rows.Select(row => row.GetType().GetProperty("Id")!.GetValue(row));
                inExport.ShouldBe(stored, ignoreOrder: true, $"{table.GetTableName()} in the export");
                inExport.ShouldNotBeEmpty();
            }

            var json = JsonSerializer.Serialize(export);
            foreach (var text in new[] { other.Id.ToString(), other.Email, other.UserName })
            {
                json.ShouldNotContain(text, Case.Insensitive);
            }

            json.ShouldNotContain(asking.PasswordHash);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_account_part_has_the_basics_but_no_secrets(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson person;
        await using (var scope = node.CreateAsyncScope())
        {
            person = await Samples.SavePersonAsync(scope.Db(), "basics");
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var account = (await scope.ServiceProvider.GetRequiredService<PersonData>().ExportAsync(person.Id)).ShouldNotBeNull().Account;
            var stored = await scope.Db().Users.SingleAsync(p => p.Id == person.Id);

            account.Id.ShouldBe(person.Id);
            account.Email.ShouldBe(person.Email);
            account.UserName.ShouldBe(person.UserName);
            account.CreatedAt.ShouldBe(Samples.Now.AddDays(-2));
            account.Roles.ShouldHaveSingleItem().ShouldStartWith("client-");
            account.Claims.ShouldHaveSingleItem().Value.ShouldBe(person.Email);
            account.Logins.ShouldHaveSingleItem().LoginProvider.ShouldBe("Example");
            account.Passkeys.ShouldHaveSingleItem().Transports.ShouldBe(["internal", "hybrid"]);

            var json = JsonSerializer.Serialize(account);
            json.ShouldNotContain(stored.PasswordHash!);
            json.ShouldNotContain(stored.SecurityStamp!);
            json.ShouldNotContain("secret-"); // the authenticator key's value
            typeof(ExportedAccount).GetProperties().Select(p => p.Name)
                .ShouldNotContain(name => name.Contains("Password") || name.Contains("Stamp") || name.Contains("Token"));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Closed_sets_are_exported_by_name(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        await using var scope = node.CreateAsyncScope();
        var person = await Samples.SavePersonAsync(scope.Db(), "named");

        var export = (await scope.ServiceProvider.GetRequiredService<PersonData>().ExportAsync(person.Id)).ShouldNotBeNull();

        export.JudgedScreens.ShouldHaveSingleItem().Disposition.ShouldBe("Urgent");
        export.ScreenAnswers.Select(a => a.Answer).ShouldBe(["Yes", "No", "Unsure"], ignoreOrder: true);
        export.ReminderSchedules.ShouldHaveSingleItem().DeskBreakDays.ShouldBe(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
        export.DueReminders.ShouldHaveSingleItem().Kind.ShouldBe("DeskBreak");
        export.DueReminders.ShouldHaveSingleItem().State.ShouldBe("Sent");
        export.Routines.Select(r => r.Kind).ShouldBe(["Daily", "DeskBreak"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task There_is_no_export_of_someone_who_does_not_exist(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        await using var scope = node.CreateAsyncScope();

        (await scope.ServiceProvider.GetRequiredService<PersonData>().ExportAsync(Guid.NewGuid())).ShouldBeNull();
    }

    // "Person-owned" as the model says it: the entity has a PersonId property.
    private static IEnumerable<IEntityType> PersonOwned(IModel model) =>
        model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindProperty("PersonId") is not null);

    private static object? Value(ScannedRow row, string column) => row.Values.Single(v => v.Column == column).Value;
}
