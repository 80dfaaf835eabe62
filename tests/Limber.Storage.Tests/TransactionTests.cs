using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class TransactionTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_screen_with_one_bad_answer_is_not_stored_at_all(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var screen = Screen(person);
        screen.Answers.Add(new ScreenAnswer { PersonId = person, ItemId = "saddle_numbness", Answer = Answer.No });
        screen.Answers.Add(new ScreenAnswer { PersonId = person, ItemId = "bladder_change", Answer = (Answer)7 }); // the database refuses "7"
        screen.Answers.Add(new ScreenAnswer { PersonId = person, ItemId = "bowel_change", Answer = Answer.No });

        await using (var scope = node.CreateAsyncScope())
        {
            scope.Db().JudgedScreens.Add(screen);
            await Should.ThrowAsync<DbUpdateException>(() => scope.Db().SaveChangesAsync());
        }

        await ShouldHaveNoScreensAsync(node, person);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_unit_of_work_over_several_saves_leaves_nothing_when_a_later_save_fails(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();

        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var screen = Screen(person);
            screen.Answers.Add(new ScreenAnswer { PersonId = person, ItemId = "major_trauma", Answer = Answer.Yes });
            db.JudgedScreens.Add(screen);
            await db.SaveChangesAsync();

            // The same item answered twice in one screen breaks a unique index.
            db.ScreenAnswers.Add(new ScreenAnswer { PersonId = person, ScreenId = screen.Id, ItemId = "major_trauma", Answer = Answer.No });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await ShouldHaveNoScreensAsync(node, person);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_row_cannot_hang_under_another_persons_parent(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var owner = await node.SavedPersonAsync();
        var intruder = await node.SavedPersonAsync();
        var screen = Screen(owner);
        await using (var scope = node.CreateAsyncScope())
        {
            scope.Db().JudgedScreens.Add(screen);
            await scope.Db().SaveChangesAsync();
        }

        await using (var scope = node.CreateAsyncScope())
        {
            scope.Db().ReferralConfirmations.Add(new ReferralConfirmation
            {
                PersonId = intruder,
                ScreenId = screen.Id,
                ConfirmedAt = Samples.Now,
                Kind = ReferralConfirmationKind.ClearedToExercise,
            });
            await Should.ThrowAsync<DbUpdateException>(() => scope.Db().SaveChangesAsync());
        }

        await using (var scope = node.CreateAsyncScope())
        {
            (await scope.Db().ReferralConfirmations.AnyAsync(c => c.ScreenId == screen.Id)).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_session_synced_twice_is_stored_once_per_person(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var first = await node.SavedPersonAsync();
        var second = await node.SavedPersonAsync();

        await SaveSessionAsync(node, first, "offline-1");
        await Should.ThrowAsync<DbUpdateException>(() => SaveSessionAsync(node, first, "offline-1"));
        // Client ids are only unique per person: another phone may well pick the same one.
        await SaveSessionAsync(node, second, "offline-1");

        await using var scope = node.CreateAsyncScope();
        (await scope.Db().Sessions.CountAsync(s => s.ClientSessionId == "offline-1")).ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Scores_outside_zero_to_ten_are_refused_by_the_database(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();

        await using var scope = node.CreateAsyncScope();
        scope.Db().CheckIns.Add(new CheckIn { PersonId = person, Date = new DateOnly(2026, 3, 4), RecordedAt = Samples.Now, PainNow = 11 });

        await Should.ThrowAsync<DbUpdateException>(() => scope.Db().SaveChangesAsync());
    }

    private static JudgedScreen Screen(Guid person) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = person,
        TakenAt = Samples.Now,
        Age = 35,
        FirstEpisode = true,
        Disposition = Disposition.Emergency,
        RulesVersion = "2026.1",
        ReasonsJson = "[]",
    };

    private static async Task SaveSessionAsync(IServiceProvider node, Guid person, string clientSessionId)
    {
        await using var scope = node.CreateAsyncScope();
        scope.Db().Sessions.Add(new Session { PersonId = person, StartedAt = Samples.Now, ClientSessionId = clientSessionId });
        await scope.Db().SaveChangesAsync();
    }

    private static async Task ShouldHaveNoScreensAsync(IServiceProvider node, Guid person)
    {
        await using var scope = node.CreateAsyncScope();
        (await scope.Db().JudgedScreens.CountAsync(s => s.PersonId == person)).ShouldBe(0);
        (await scope.Db().ScreenAnswers.CountAsync(a => a.PersonId == person)).ShouldBe(0);
    }
}
