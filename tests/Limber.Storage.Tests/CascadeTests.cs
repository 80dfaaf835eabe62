using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

/// <summary>Deleting a parent row in the database (not through tracked entities) deletes what hangs under it.</summary>
public sealed class CascadeTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Deleting_a_screen_deletes_its_answers_and_confirmations(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson person;
        await using (var scope = node.CreateAsyncScope())
        {
            person = await Samples.SavePersonAsync(scope.Db(), "cascade-screen");
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            (await db.ScreenAnswers.CountAsync(a => a.PersonId == person.Id)).ShouldBe(3);
            (await db.ReferralConfirmations.CountAsync(c => c.PersonId == person.Id)).ShouldBe(1);

            (await db.JudgedScreens.Where(s => s.PersonId == person.Id).ExecuteDeleteAsync()).ShouldBe(1);

            (await db.ScreenAnswers.CountAsync(a => a.PersonId == person.Id)).ShouldBe(0);
            (await db.ReferralConfirmations.CountAsync(c => c.PersonId == person.Id)).ShouldBe(0);
            (await db.Users.AnyAsync(p => p.Id == person.Id)).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Deleting_a_program_deletes_its_routines_and_items_but_keeps_the_session_history(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        SamplePerson person;
        await using (var scope = node.CreateAsyncScope())
        {
            person = await Samples.SavePersonAsync(scope.Db(), "cascade-program");
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            (await db.Routines.CountAsync(r => r.PersonId == person.Id)).ShouldBe(2);
            (await db.RoutineItems.CountAsync(i => i.PersonId == person.Id)).ShouldBe(3);

            (await db.Programs.Where(p => p.PersonId == person.Id).ExecuteDeleteAsync()).ShouldBe(1);

            (await db.Routines.CountAsync(r => r.PersonId == person.Id)).ShouldBe(0);
            (await db.RoutineItems.CountAsync(i => i.PersonId == person.Id)).ShouldBe(0);
            var session = await db.Sessions.Include(s => s.Exercises).SingleAsync(s => s.PersonId == person.Id);
            session.RoutineId.ShouldBeNull();
            session.Exercises.Count.ShouldBe(2);
        }
    }
}
