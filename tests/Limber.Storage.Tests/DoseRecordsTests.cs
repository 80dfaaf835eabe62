using Limber.Domain.Planning;
using Limber.Domain.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

/// <summary>
/// Sessions and next-morning check-ins move the stored current doses (safety.md section 5), on both databases, with a
/// clock the test moves on by hand so days pass without waiting.
/// </summary>
public sealed class DoseRecordsTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private const string Exercise = "cat-cow";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day0 = DateOnly.FromDateTime(Start.UtcDateTime);

    private static Profile Answers() => new()
    {
        TightAreas = ["lowerBack"],
        Positions = ["floor", "kneeling", "standing", "chair"],
        MinutesPerSession = 10,
        SessionsPerDay = 1,
        BaselinePain = 4,
        MorningStiffnessMinutes = 30,
        TimeZoneId = "UTC",
    };

    /// <summary>Runs <paramref name="act"/> with the records of a new scope, as one request of the app would.</summary>
    private static async Task<T> Records<T>(ServiceProvider node, MovingClock clock, Func<SessionRecords, CheckInRecords, DoseRecords, Task<T>> act)
    {
        await using var scope = node.CreateAsyncScope();
        var db = scope.Db();
        var doses = new DoseRecords(db, RepositoryFiles.Catalogue, clock);
        return await act(new SessionRecords(db, doses), new CheckInRecords(db, doses, clock), doses);
    }

    private static NewSession Easy(DateOnly date, int worst = 2, string feedback = "aboutRight") =>
        new(date, new DateTimeOffset(date.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero), null, 3, worst,
            [new NewExerciseLog(Exercise, true, worst, feedback)]);

    private static NewCheckIn Morning(DateOnly date, int pain = 3, int stiffMinutes = 20) =>
        new(date, pain, null, stiffMinutes, [], [], false, false, false, null);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_check_in_before_any_session_and_a_later_session_with_a_new_exercise_store_their_doses(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Start);

        Task<T> With<T>(Func<SessionRecords, CheckInRecords, DoseRecords, Task<T>> act) => Records(node, clock, act);

        await using (var scope = node.CreateAsyncScope())
        {
            await new ProfileRecords(scope.Db(), clock).SaveAsync(person, Answers(), []);
        }
        // The check-in stores the daily routine with no doses yet; the session then adds the first one to it.
        await With((_, c, _) => c.StoreAsync(person, Morning(Day0)));
        (await With((s, _, _) => s.StoreAsync(person, "first", Easy(Day0)))).Outcome.ShouldBe(SessionStoreOutcome.Created);
        (await With((_, _, d) => d.StoredAsync(person))).Select(i => i.ExerciseId).ShouldBe([Exercise]);

        clock.Advance(TimeSpan.FromDays(1));
        var other = Easy(Day0.AddDays(1)) with { Exercises = [new NewExerciseLog("glute-bridge", true, 2, "aboutRight")] };
        (await With((s, _, _) => s.StoreAsync(person, "second", other))).Outcome.ShouldBe(SessionStoreOutcome.Created);
        (await With((_, _, d) => d.StoredAsync(person))).Select(i => i.ExerciseId).ShouldBe([Exercise, "glute-bridge"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Two_easy_sessions_that_settle_step_the_dose_up_and_too_much_pain_steps_it_back(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var other = await node.SavedPersonAsync();
        var clock = new MovingClock(Start);
        var catalogue = RepositoryFiles.Catalogue;
        var start = catalogue.Find(Exercise)!.Dose;

        Task<T> With<T>(Func<SessionRecords, CheckInRecords, DoseRecords, Task<T>> act) => Records(node, clock, act);

        await using (var scope = node.CreateAsyncScope())
        {
            await new ProfileRecords(scope.Db(), clock).SaveAsync(person, Answers(), []);
            await new ProfileRecords(scope.Db(), clock).SaveAsync(other, Answers(), []);
        }
        (await With((_, _, d) => d.StoredAsync(person))).ShouldBeEmpty();

        await With((s, _, _) => s.StoreAsync(person, "day-0", Easy(Day0)));
        clock.Advance(TimeSpan.FromDays(1));
        await With((_, c, _) => c.StoreAsync(person, Morning(Day0.AddDays(1))));
        await With((s, _, _) => s.StoreAsync(person, "day-1", Easy(Day0.AddDays(1))));
        var beforeMorning = (await With((_, _, d) => d.StoredAsync(person))).Single();
        beforeMorning.Level.ShouldBe(0, "no progress before the second session has settled by the next morning");
        beforeMorning.RuleId.ShouldBe("progress.keep_until_easy_sessions");

        clock.Advance(TimeSpan.FromDays(1));
        await With((_, c, _) => c.StoreAsync(person, Morning(Day0.AddDays(2))));
        var up = (await With((_, _, d) => d.StoredAsync(person))).Single();
        up.ExerciseId.ShouldBe(Exercise);
        up.Level.ShouldBe(1);
        up.RuleId.ShouldBe("progress.two_easy_sessions");
        up.ChangedOn.ShouldBe(Day0.AddDays(1));
        up.Reason.ShouldNotBeNullOrWhiteSpace();
        RoutineClock.DoseSeconds(Dose(up)).ShouldBeGreaterThan(RoutineClock.DoseSeconds(start));

        await With((s, _, _) => s.StoreAsync(person, "day-2", Easy(Day0.AddDays(2), worst: 7, feedback: "hurt")));
        var back = (await With((_, _, d) => d.StoredAsync(person))).Single();
        back.Level.ShouldBe(0);
        back.RuleId.ShouldBe("progress.regress_worst_pain");
        back.ChangedOn.ShouldBe(Day0.AddDays(2));
        back.Id.ShouldBe(up.Id, "the row is updated in place");

        // What is stored is what a replay gives, and nothing reached the other person.
        var replay = (await With((_, _, d) => d.CurrentAsync(person)))!.Doses.Single();
        replay.Level.ShouldBe(back.Level);
        Dose(back).ShouldBe(replay.Dose with { Sets = replay.Dose.Sets ?? 1 });
        (await With((_, _, d) => d.StoredAsync(other))).ShouldBeEmpty();
        await using (var scope = node.CreateAsyncScope())
        {
            (await scope.Db().Routines.CountAsync(r => r.PersonId == person)).ShouldBe(1);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_session_stored_again_under_its_key_is_stored_once_and_another_session_under_it_is_refused(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Start);
        await using var scope = node.CreateAsyncScope();
        var db = scope.Db();
        var sessions = new SessionRecords(db, new DoseRecords(db, RepositoryFiles.Catalogue, clock));

        (await sessions.StoreAsync(person, "k", Easy(Day0))).Outcome.ShouldBe(SessionStoreOutcome.Created);
        (await sessions.StoreAsync(person, "k", Easy(Day0))).Outcome.ShouldBe(SessionStoreOutcome.AlreadyStored);
        (await sessions.StoreAsync(person, "k", Easy(Day0, worst: 3))).Outcome.ShouldBe(SessionStoreOutcome.KeyReused);
        (await sessions.ListAsync(person, Day0, Day0)).Count.ShouldBe(1);
        // Before onboarding there is no program, so no doses are stored, but the session is kept.
        (await db.RoutineItems.CountAsync(i => i.PersonId == person)).ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_session_worst_pain_counts_against_every_exercise_only_when_no_exercise_explains_it(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var explained = await node.SavedPersonAsync();
        var unexplained = await node.SavedPersonAsync();
        var clock = new MovingClock(Start);
        await using var scope = node.CreateAsyncScope();
        var db = scope.Db();
        var doses = new DoseRecords(db, RepositoryFiles.Catalogue, clock);
        var sessions = new SessionRecords(db, doses);
        await new ProfileRecords(db, clock).SaveAsync(explained, Answers(), []);
        await new ProfileRecords(db, clock).SaveAsync(unexplained, Answers(), []);

        await sessions.StoreAsync(explained, "s", new NewSession(Day0, Start, null, 3, 7,
            [new NewExerciseLog(Exercise, true, 7, "hurt"), new NewExerciseLog("bird-dog", true, null, "aboutRight")]));
        var levels = (await doses.StoredAsync(explained)).ToDictionary(i => i.ExerciseId, i => i.Level);
        levels[Exercise].ShouldBe(-1, "it hurt 7 out of 10");
        levels["bird-dog"].ShouldBe(0, "the session's worst pain was the other exercise's");

        await sessions.StoreAsync(unexplained, "s", new NewSession(Day0, Start, null, 3, 7,
            [new NewExerciseLog(Exercise, true, null, "aboutRight"), new NewExerciseLog("bird-dog", true, null, "aboutRight")]));
        (await doses.StoredAsync(unexplained)).ShouldAllBe(i => i.Level == -1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_second_check_in_the_same_day_replaces_the_first(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Start);
        await using var scope = node.CreateAsyncScope();
        var db = scope.Db();
        var checkIns = new CheckInRecords(db, new DoseRecords(db, RepositoryFiles.Catalogue, clock), clock);

        (await checkIns.StoreAsync(person, Morning(Day0, pain: 2))).Created.ShouldBeTrue();
        clock.Advance(TimeSpan.FromHours(2));
        (await checkIns.StoreAsync(person, Morning(Day0, pain: 6))).Created.ShouldBeFalse();
        var all = await checkIns.ListAsync(person, Day0, Day0);
        all.Single().PainNow.ShouldBe(6);
        (await checkIns.LatestAsync(person))!.RecordedAt.ShouldBe(Start.AddHours(2));
    }

    private static Limber.Domain.Catalogue.Dose Dose(RoutineItem item) => new()
    {
        HoldSeconds = item.HoldSeconds,
        Reps = item.Reps,
        Sets = item.Sets,
        PerSide = item.PerSide,
        DurationSeconds = item.DurationSeconds,
        RestSeconds = item.RestSeconds,
        PerDirection = RepositoryFiles.Catalogue.Find(item.ExerciseId)!.Dose.PerDirection,
    };
}
