using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

/// <summary>
/// A person's data stamp changes with every save of any of their rows, in the same transaction, and only then: plans
/// kept in memory are used again only under the stamp they were made with.
/// </summary>
public sealed class DataStampTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_save_of_any_of_a_persons_tables_gives_them_a_new_stamp_and_no_one_else(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson person, other;
        await using (var scope = node.CreateAsyncScope())
        {
            person = await Samples.SavePersonAsync(scope.Db(), "stamped");
            other = await Samples.SavePersonAsync(scope.Db(), "bystander");
        }
        var owned = TypesOwnedByPeople(node);
        owned.Count.ShouldBeGreaterThan(15, "every table that holds a person's data");

        foreach (var type in owned)
        {
            var (before, otherBefore) = (await StampAsync(node, person.Id), await StampAsync(node, other.Id));
            await using (var scope = node.CreateAsyncScope())
            {
                var db = scope.Db();
                var rows = await RowsOfAsync(db, type, person.Id);
                rows.ShouldNotBeEmpty($"{type.Name}: Samples gives the person a row in every table");
                var row = rows[0];
                db.Entry(row).State = EntityState.Modified;   // written again as it is: a change as far as a save goes
                await db.SaveChangesAsync();
            }
            (await StampAsync(node, person.Id)).ShouldNotBe(before, $"saving a {type.Name} row must give its person a new stamp");
            (await StampAsync(node, other.Id)).ShouldBe(otherBefore, $"saving a {type.Name} row of one person changed another's stamp");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_save_that_fails_keeps_the_stamp_it_had(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var before = await StampAsync(node, person);

        await using (var scope = node.CreateAsyncScope())
        {
            var screen = new JudgedScreen
            {
                Id = Guid.NewGuid(), PersonId = person, TakenAt = Samples.Now, Age = 35, FirstEpisode = true,
                Disposition = Disposition.None, RulesVersion = "2026.1", ReasonsJson = "[]",
            };
            screen.Answers.Add(new ScreenAnswer { PersonId = person, ItemId = "bladder_change", Answer = (Answer)7 }); // the database refuses "7"
            scope.Db().JudgedScreens.Add(screen);
            await Should.ThrowAsync<DbUpdateException>(() => scope.Db().SaveChangesAsync());
        }

        (await StampAsync(node, person)).ShouldBe(before);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Inside_the_callers_transaction_the_stamp_commits_or_rolls_back_with_it(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var before = await StampAsync(node, person);

        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Consents.Add(new Consent { PersonId = person, Purpose = Consent.HealthData, Version = "2026-11", GivenAt = Samples.Now });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        (await StampAsync(node, person)).ShouldBe(before, "rolled back with the consent");

        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Consents.Add(new Consent { PersonId = person, Purpose = Consent.HealthData, Version = "2026-11", GivenAt = Samples.Now });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        (await StampAsync(node, person)).ShouldNotBe(before, "committed with the consent");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_person_a_request_holds_takes_the_new_stamp_so_a_later_read_in_it_is_not_stale(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();

        await using var scope = node.CreateAsyncScope();
        var db = scope.Db();
        var held = await db.Users.SingleAsync(p => p.Id == person);   // as the sign-in check loads them
        var stamps = scope.ServiceProvider.GetRequiredService<DataStamps>();
        var before = await stamps.CurrentAsync(person);
        before.ShouldBe(held.DataStamp);

        db.Consents.Add(new Consent { PersonId = person, Purpose = Consent.HealthData, Version = "2026-11", GivenAt = Samples.Now });
        await db.SaveChangesAsync();

        var after = await stamps.CurrentAsync(person);
        after.ShouldNotBe(before);
        after.ShouldBe(await StampAsync(node, person), "what the request holds is what is stored");
        db.Entry(held).State.ShouldBe(EntityState.Unchanged);
        (await stamps.CurrentAsync(Guid.NewGuid())).ShouldBeNull();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_sign_in_check_gives_the_stamp_only_for_the_account_with_that_security_stamp(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        const string security = "the stamp of the sign-in";
        await using (var scope = node.CreateAsyncScope())
        {
            await scope.Db().Users.Where(p => p.Id == person).ExecuteUpdateAsync(s => s.SetProperty(p => p.SecurityStamp, security));
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var stamps = scope.ServiceProvider.GetRequiredService<DataStamps>();
            (await stamps.SignedInAsync(person, security)).ShouldBe(await StampAsync(node, person));
            (await stamps.SignedInAsync(person, security + "x")).ShouldBeNull("signed out everywhere since: a new security stamp");
            (await stamps.SignedInAsync(person, null)).ShouldBeNull("a sign-in that carries no security stamp");
            (await stamps.SignedInAsync(Guid.NewGuid(), security)).ShouldBeNull("no such account");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_stamp_the_sign_in_check_read_is_used_again_only_until_the_request_saves(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var other = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        var db = scope.Db();
        var stamps = scope.ServiceProvider.GetRequiredService<DataStamps>();
        var read = await stamps.SignedInAsync(person, null);   // Samples' people have no security stamp, so none matches
        read.ShouldNotBeNull();
        db.ChangeTracker.Entries<Person>().ShouldBeEmpty("the check reads two columns, not the person");

        // Changed underneath by another node: this request goes on with what its check read, as it would with a
        // person it had loaded.
        await using (var elsewhere = node.CreateAsyncScope())
        {
            elsewhere.Db().Consents.Add(new Consent { PersonId = person, Purpose = Consent.HealthData, Version = "2026-11", GivenAt = Samples.Now });
            await elsewhere.Db().SaveChangesAsync();
        }
        (await stamps.CurrentAsync(person)).ShouldBe(read);
        (await stamps.CurrentAsync(other)).ShouldBe(await StampAsync(node, other), "another person is read, not taken for the one checked");

        // Once this request saves a change to someone's data, the stamp is read again.
        db.Consents.Add(new Consent { PersonId = person, Purpose = Consent.HealthData, Version = "2026-12", GivenAt = Samples.Now });
        await db.SaveChangesAsync();
        var after = await stamps.CurrentAsync(person);
        after.ShouldNotBe(read);
        after.ShouldBe(await StampAsync(node, person));
    }

    [Fact]
    public async Task On_a_SQLite_file_the_sign_in_check_reads_on_its_own_connections_what_EF_Core_reads()
    {
        await using var node = await databases.MigratedNodeAsync(DatabaseProvider.Sqlite);
        node.GetService<SqliteStampReader>().ShouldNotBeNull("a SQLite file is read by the stamp reader");
        var people = new List<Guid>();
        for (var i = 0; i < SqliteStampReader.MostKept + 2; i++)
        {
            people.Add(await node.SavedPersonAsync());
        }

        // More requests at once than connections kept: each finds its own person, as EF Core finds them.
        var reads = await Task.WhenAll(people.Select(async person =>
        {
            await using var scope = node.CreateAsyncScope();
            return (person, await scope.ServiceProvider.GetRequiredService<DataStamps>().SignedInAsync(person, null));
        }));
        foreach (var (person, stamp) in reads)
        {
            stamp.ShouldBe(await StampAsync(node, person));
        }

        // A change committed by another connection is read at once, by the kept connections too.
        await using (var scope = node.CreateAsyncScope())
        {
            await scope.Db().Users.Where(p => p.Id == people[0]).ExecuteUpdateAsync(s => s.SetProperty(p => p.SecurityStamp, "signed out everywhere"));
        }
        for (var i = 0; i < SqliteStampReader.MostKept; i++)
        {
            await using var scope = node.CreateAsyncScope();
            var stamps = scope.ServiceProvider.GetRequiredService<DataStamps>();
            (await stamps.SignedInAsync(people[0], null)).ShouldBeNull();
            (await stamps.SignedInAsync(people[0], "signed out everywhere")).ShouldBe(await StampAsync(node, people[0]));
        }

        // Inside a transaction of the request's own, its own connection reads, uncommitted changes included.
        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Users.Where(p => p.Id == people[1]).ExecuteUpdateAsync(s => s.SetProperty(p => p.SecurityStamp, "not yet committed"));
            (await scope.ServiceProvider.GetRequiredService<DataStamps>().SignedInAsync(people[1], "not yet committed")).ShouldNotBeNull();
            await transaction.RollbackAsync();
        }
    }

    [Theory]
    [InlineData("Data Source=:memory:", false)]
    [InlineData("Data Source=limber;Mode=Memory;Cache=Shared", false)]
    [InlineData("Data Source=data/limber.db", true)]
    public void Only_a_SQLite_file_is_read_by_the_stamp_reader(string connectionString, bool fits)
    {
        SqliteStampReader.Fits(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString)).ShouldBe(fits);
        SqliteStampReader.Fits(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost")).ShouldBeFalse();
    }

    private static List<Type> TypesOwnedByPeople(IServiceProvider node)
    {
        using var scope = node.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<LimberDbContext>().Model.GetEntityTypes()
            .Select(t => t.ClrType)
            .Where(t => typeof(IPersonOwned).IsAssignableFrom(t) && !t.IsAbstract)
            .Distinct()
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static async Task<List<object>> RowsOfAsync(LimberDbContext db, Type type, Guid personId)
    {
        var method = typeof(DataStampTests).GetMethod(nameof(RowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type);
        return await (Task<List<object>>)method.Invoke(null, [db, personId])!;
    }

    private static async Task<List<object>> RowsAsync<T>(LimberDbContext db, Guid personId)
        where T : class, IPersonOwned =>
        [.. await db.Set<T>().Where(r => r.PersonId == personId).ToListAsync()];

    private static async Task<long> StampAsync(IServiceProvider node, Guid personId)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.Db().Users.Where(p => p.Id == personId).Select(p => p.DataStamp).SingleAsync();
    }
}
