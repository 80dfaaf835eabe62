using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class DeletionTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private const string Pseudonym = "deleted-account:7c1e55d0a9";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Delete_means_everything_and_only_that_person(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson leaving, staying;
        await using (var scope = node.CreateAsyncScope())
        {
            leaving = Samples.AddPerson(scope.Db(), "leaving");
            staying = Samples.AddPerson(scope.Db(), "staying");
            await scope.Db().SaveChangesAsync();
        }

        List<ScannedRow> before;
        await using (var scope = node.CreateAsyncScope())
        {
            // The test proves something only if every table that can hold a person's data holds some of each.
            var rows = await DatabaseScan.AllRowsAsync(scope.Db());
            foreach (var table in DatabaseScan.PersonTables(scope.Db()))
            {
                foreach (var person in new[] { leaving, staying })
                {
                    rows.Count(r => r.Table == table && r.ColumnsMentioning(person.Id, []).Any())
                        .ShouldBeGreaterThan(0, $"{table.GetTableName()} has no row of {person.UserName}: fill it in Samples");
                }
            }

            before = await DatabaseScan.RowsMentioningAsync(scope.Db(), staying);
        }

        await using (var scope = node.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PersonData>().DeleteEverythingAsync(leaving.Id, Pseudonym))
                .ShouldBeTrue();
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var rows = await DatabaseScan.AllRowsAsync(scope.Db());
            var left = rows
                .SelectMany(r => r.ColumnsMentioning(leaving.Id, leaving.Identifying).Select(c => $"{r.Name}.{c}"))
                .ToList();
            left.ShouldBeEmpty("rows of the deleted person are left");

            (await DatabaseScan.RowsMentioningAsync(scope.Db(), staying)).Select(r => r.Name)
                .ShouldBe(before.Select(r => r.Name), ignoreOrder: true, "the other person's rows changed");

            var deleted = await scope.Db().AuditEvents.SingleAsync(e => e.SubjectRef == Pseudonym);
            deleted.Action.ShouldBe(AuditEvent.AccountDeleted);
            deleted.PersonId.ShouldBeNull();
            deleted.ActorKind.ShouldBe(AuditActorKind.Person);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_deletion_event_is_written_at_the_time_given_by_the_clock(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        await using var db = await databases.ContextAsync(provider);
        var person = await Samples.SavePersonAsync(db, "clocked");
        var clock = new FixedClock(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)));

        (await new PersonData(db, clock).DeleteEverythingAsync(person.Id, "deleted-account:clocked")).ShouldBeTrue();

        await using var scope = node.CreateAsyncScope();
        var deleted = await scope.Db().AuditEvents.SingleAsync(e => e.SubjectRef == "deleted-account:clocked");
        deleted.At.ShouldBe(clock.GetUtcNow());
        deleted.At.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Deleting_someone_who_does_not_exist_answers_false_and_writes_nothing(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        await using var scope = node.CreateAsyncScope();
        var events = await scope.Db().AuditEvents.CountAsync();

        (await scope.ServiceProvider.GetRequiredService<PersonData>().DeleteEverythingAsync(Guid.NewGuid(), "deleted-account:nobody"))
            .ShouldBeFalse();

        (await scope.Db().AuditEvents.CountAsync()).ShouldBe(events);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_pseudonym_that_identifies_the_person_is_refused_and_nothing_is_deleted(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson person;
        await using (var scope = node.CreateAsyncScope())
        {
            person = await Samples.SavePersonAsync(scope.Db(), "careless");
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<PersonData>();
            foreach (var identifying in new[] { person.Email, person.UserName.ToUpperInvariant(), $"user:{person.Id:N}" })
            {
                await Should.ThrowAsync<ArgumentException>(() => data.DeleteEverythingAsync(person.Id, identifying));
            }
        }

        await using (var scope = node.CreateAsyncScope())
        {
            (await scope.Db().Users.AnyAsync(p => p.Id == person.Id)).ShouldBeTrue();
            (await scope.Db().JudgedScreens.CountAsync(s => s.PersonId == person.Id)).ShouldBe(1);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_failure_at_the_last_step_of_a_deletion_leaves_the_person_whole(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson person;
        List<ScannedRow> before;
        await using (var scope = node.CreateAsyncScope())
        {
            person = await Samples.SavePersonAsync(scope.Db(), "unlucky");
        }

        await using (var scope = node.CreateAsyncScope())
        {
            before = await DatabaseScan.RowsMentioningAsync(scope.Db(), person);
        }

        // Every table has been emptied of the person by then; only the audit event is left to write.
        await using (var db = await databases.ContextAsync(provider, new FailingAuditWrites()))
        {
            await Should.ThrowAsync<InvalidOperationException>(
                () => new PersonData(db, TimeProvider.System).DeleteEverythingAsync(person.Id, "deleted-account:unlucky"));
        }

        await using (var scope = node.CreateAsyncScope())
        {
            (await DatabaseScan.RowsMentioningAsync(scope.Db(), person)).Select(r => r.Name)
                .ShouldBe(before.Select(r => r.Name), ignoreOrder: true);
            (await scope.Db().AuditEvents.AnyAsync(e => e.SubjectRef == "deleted-account:unlucky")).ShouldBeFalse();
        }
    }

    private sealed class FailingAuditWrites : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<AuditEvent>().Any(e => e.State == EntityState.Added)
                ? throw new InvalidOperationException("The audit log is unavailable.")
                : ValueTask.FromResult(result);
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
