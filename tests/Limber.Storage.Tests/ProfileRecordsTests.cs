using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

/// <summary>The onboarding profile and the activity ratings as the web layer writes them, on both databases.</summary>
public sealed class ProfileRecordsTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static Profile Answers(int baselinePain = 4) => new()
    {
        TightAreas = ["lowerBack", "hipFront"],
        Triggers = ["onWaking", "afterSitting"],
        DayActivities = ["sitting"],
        SittingHoursPerDay = 8,
        Positions = ["chair", "standing"],
        Equipment = ["chair", "towel"],
        MinutesPerSession = 10,
        SessionsPerDay = 2,
        WorkHoursStart = new TimeOnly(9, 0),
        WorkHoursEnd = new TimeOnly(17, 30),
        BaselinePain = baselinePain,
        MorningStiffnessMinutes = 30,
        TimeZoneId = "Europe/London",
    };

    private static ActivityRating[] Activities(int socks = 6) =>
        [new("Putting on socks", socks), new("Getting out of a car", 5), new("Sitting through a meeting", 7)];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_saved_profile_reads_back_with_every_answer_and_its_activities(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var other = await node.SavedPersonAsync();

        await using (var scope = node.CreateAsyncScope())
        {
            var records = scope.ServiceProvider.GetRequiredService<ProfileRecords>();
            (await records.FindAsync(person)).ShouldBeNull();
            var (saved, created) = await records.SaveAsync(person, Answers(), Activities());
            created.ShouldBeTrue();
            saved.Activities.Count.ShouldBe(3);
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var records = scope.ServiceProvider.GetRequiredService<ProfileRecords>();
            var stored = (await records.FindAsync(person)).ShouldNotBeNull();
            var profile = stored.Profile;
            profile.PersonId.ShouldBe(person);
            profile.TightAreas.ShouldBe(["lowerBack", "hipFront"]);
            profile.Triggers.ShouldBe(["onWaking", "afterSitting"]);
            profile.DayActivities.ShouldBe(["sitting"]);
            profile.SittingHoursPerDay.ShouldBe(8);
            profile.Positions.ShouldBe(["chair", "standing"]);
            profile.Equipment.ShouldBe(["chair", "towel"]);
            profile.MinutesPerSession.ShouldBe(10);
            profile.SessionsPerDay.ShouldBe(2);
            profile.WorkHoursStart.ShouldBe(new TimeOnly(9, 0));
            profile.WorkHoursEnd.ShouldBe(new TimeOnly(17, 30));
            profile.BaselinePain.ShouldBe(4);
            profile.MorningStiffnessMinutes.ShouldBe(30);
            profile.TimeZoneId.ShouldBe("Europe/London");
            stored.Activities.Select(a => (a.Name, a.Score)).OrderBy(a => a.Name, StringComparer.Ordinal)
                .ShouldBe(Activities().Select(a => (a.Name, a.Score)).OrderBy(a => a.Name, StringComparer.Ordinal));
            (await records.FindAsync(other)).ShouldBeNull("another person's profile is not theirs");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_rating_row_is_added_only_when_a_score_changes_or_an_activity_is_new_and_the_history_is_kept(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Samples.Now);

        await SaveAsync(node, clock, person, Answers(), Activities(socks: 6));
        clock.Advance(TimeSpan.FromDays(14));
        // The same answers again: nothing new to rate.
        await SaveAsync(node, clock, person, Answers(), Activities(socks: 6));
        clock.Advance(TimeSpan.FromDays(14));
        // Socks easier now, a new activity, the same spelling in other letters.
        var (stored, created) = await SaveAsync(node, clock, person, Answers(baselinePain: 3),
            [new("putting on socks", 3), new("Getting out of a car", 5), new("Sitting through a meeting", 7), new("Lifting a child", 8)]);

        created.ShouldBeFalse();
        stored.Profile.BaselinePain.ShouldBe(3);
        stored.Profile.UpdatedAt.ShouldBe(Samples.Now.AddDays(28));
        stored.Activities.Single(a => a.Name == "putting on socks").Score.ShouldBe(3);

        await using var scope = node.CreateAsyncScope();
        var history = await scope.ServiceProvider.GetRequiredService<ProfileRecords>().HistoryAsync(person);
        history.Select(h => (h.Name, h.Score, h.RecordedAt)).ShouldBe(
        [
            ("Getting out of a car", 5, Samples.Now),
            ("putting on socks", 6, Samples.Now),
            ("Sitting through a meeting", 7, Samples.Now),
            ("Lifting a child", 8, Samples.Now.AddDays(28)),
            ("putting on socks", 3, Samples.Now.AddDays(28)),
        ]);
        (await scope.Db().Profiles.CountAsync(p => p.PersonId == person)).ShouldBe(1);
        var latest = (await scope.ServiceProvider.GetRequiredService<ProfileRecords>().FindAsync(person))!.Activities;
        latest.Select(a => (a.Name, a.Score)).ShouldBe(
            [("Getting out of a car", 5), ("putting on socks", 3), ("Sitting through a meeting", 7), ("Lifting a child", 8)]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task An_activity_no_longer_named_leaves_the_profile_with_its_ratings(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Samples.Now);
        await SaveAsync(node, clock, person, Answers(), Activities());
        clock.Advance(TimeSpan.FromDays(1));

        var (stored, _) = await SaveAsync(node, clock, person, Answers(),
            [new("Getting out of a car", 5), new("Sitting through a meeting", 7), new("Walking the dog", 2)]);

        stored.Activities.Select(a => a.Name).ShouldBe(["Getting out of a car", "Sitting through a meeting", "Walking the dog"]);
        await using var scope = node.CreateAsyncScope();
        (await scope.Db().ProfileActivities.Where(a => a.PersonId == person).Select(a => a.Name).ToListAsync())
            .ShouldNotContain("Putting on socks");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_save_that_fails_writes_neither_the_profile_nor_any_rating(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Samples.Now);
        await SaveAsync(node, clock, person, Answers(), Activities(socks: 6));

        // The profile is written, then a rating out of range is refused by the database: nothing may stay.
        await using (var db = await databases.ContextAsync(provider))
        {
            var records = new ProfileRecords(db, clock);
            await Should.ThrowAsync<DbUpdateException>(() => records.SaveAsync(person, Answers(baselinePain: 9),
                [new("Putting on socks", 11), new("Getting out of a car", 5), new("Sitting through a meeting", 7)]));
        }

        await using var scope = node.CreateAsyncScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<ProfileRecords>().FindAsync(person)).ShouldNotBeNull();
        stored.Profile.BaselinePain.ShouldBe(4);
        (await scope.Db().ProfileActivities.CountAsync(a => a.PersonId == person)).ShouldBe(3);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_same_activity_twice_is_refused_before_anything_is_written(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<ProfileRecords>();

        await Should.ThrowAsync<ArgumentException>(() => records.SaveAsync(person, Answers(), [new("Stairs", 3), new("stairs", 4), new("Socks", 2)]));

        (await records.FindAsync(person)).ShouldBeNull();
    }

    private static async Task<(StoredProfile Profile, bool Created)> SaveAsync(
        IServiceProvider node, TimeProvider clock, Guid person, Profile answers, IReadOnlyList<ActivityRating> activities)
    {
        await using var scope = node.CreateAsyncScope();
        return await new ProfileRecords(scope.Db(), clock).SaveAsync(person, answers, activities);
    }
}
