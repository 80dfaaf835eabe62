using Limber.Domain.Reminders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

/// <summary>Reminder settings, their planned due reminders, claims and the calendar secret, on both databases.</summary>
public sealed class ReminderRecordsTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    // A Tuesday morning in Berlin (08:00 local).
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly ReminderSettings TwoADay = ReminderSettings.None(Berlin) with
    {
        Daily = [new DailyReminder(new TimeOnly(7, 30), ReminderKind.Routine), new DailyReminder(new TimeOnly(20, 0), ReminderKind.CheckIn)],
    };

    private static ReminderRecords Reminders(AsyncServiceScope scope, TimeProvider clock) =>
        new(scope.Db(), clock, scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());

    private static async Task<List<DueReminder>> DueAsync(ServiceProvider node, Guid person)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.Db().DueReminders.AsNoTracking().Where(r => r.PersonId == person).OrderBy(r => r.DueAt).ToListAsync();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Saving_plans_two_days_ahead_and_saving_again_replaces_only_the_waiting_reminders(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Start);
        await using (var scope = node.CreateAsyncScope())
        {
            await Reminders(scope, clock).SaveAsync(person, TwoADay);
        }
        var planned = await DueAsync(node, person);
        // 08:00 Tuesday: Tuesday 20:00, Wednesday 07:30 and 20:00, Thursday 07:30.
        planned.Select(r => (r.LocalDate, r.LocalTime, r.Kind)).ShouldBe(
        [
            (new DateOnly(2026, 11, 24), new TimeOnly(20, 0), ReminderKind.CheckIn),
            (new DateOnly(2026, 11, 25), new TimeOnly(7, 30), ReminderKind.Routine),
            (new DateOnly(2026, 11, 25), new TimeOnly(20, 0), ReminderKind.CheckIn),
            (new DateOnly(2026, 11, 26), new TimeOnly(7, 30), ReminderKind.Routine),
        ]);

        // One is being sent by a dispatcher when the person changes the settings.
        await using (var scope = node.CreateAsyncScope())
        {
            await scope.Db().DueReminders.Where(r => r.Id == planned[0].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, DueState.Sending).SetProperty(r => r.ClaimToken, Guid.NewGuid()));
            await Reminders(scope, clock).SaveAsync(person, TwoADay with { Daily = [.. TwoADay.Daily, new DailyReminder(new TimeOnly(12, 0), ReminderKind.Routine)] });
        }

        var after = await DueAsync(node, person);
        after.Count.ShouldBe(6);
        after.Count(r => r.State == DueState.Sending).ShouldBe(1);
        after.Single(r => r.State == DueState.Sending).Id.ShouldBe(planned[0].Id);
        after.Select(r => (r.Kind, r.DueAt)).Distinct().Count().ShouldBe(6);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Two_nodes_planning_ahead_at_once_plan_each_reminder_once(DatabaseProvider provider)
    {
        await using var one = await databases.MigratedNodeAsync(provider);
        await using var two = await databases.StartNodeAsync(provider);
        var clock = new MovingClock(Start);
        var people = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var person = await one.SavedPersonAsync();
            people.Add(person);
            await using var scope = one.CreateAsyncScope();
            await Reminders(scope, clock).SaveAsync(person, TwoADay);
        }
        // A day and a half later, every person's plan runs low.
        clock.Advance(TimeSpan.FromHours(36));

        async Task<int> TopUp(ServiceProvider node)
        {
            await using var scope = node.CreateAsyncScope();
            return await new DueReminderRecords(scope.Db(), clock).TopUpAsync(id => TimeZoneInfo.FindSystemTimeZoneById(id), 100);
        }
        var planned = await Task.WhenAll(Task.Run(() => TopUp(one)), Task.Run(() => TopUp(two)));

        // (Other tests of this class share the database, so their people may be planned too.)
        planned.Sum().ShouldBeGreaterThanOrEqualTo(20);
        foreach (var person in people)
        {
            var due = await DueAsync(one, person);
            due.Select(r => (r.Kind, r.DueAt)).Distinct().Count().ShouldBe(due.Count);
            // Planned up to two days after Wednesday 20:00 local, which is not included: Tuesday 20:00 to Friday 07:30.
            due.Count.ShouldBe(6);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Two_nodes_claiming_at_once_never_hold_the_same_reminder_and_a_lost_claim_writes_nothing(DatabaseProvider provider)
    {
        await using var one = await databases.MigratedNodeAsync(provider);
        await using var two = await databases.StartNodeAsync(provider);
        var clock = new MovingClock(Start);
        var person = await one.SavedPersonAsync();
        await using (var scope = one.CreateAsyncScope())
        {
            await Reminders(scope, clock).SaveAsync(person, TwoADay with
            {
                DeskBreaks = new DeskBreaks(15, ReminderSettings.EveryDay, new TimeOnly(8, 0), new TimeOnly(18, 0)),
            });
        }
        clock.Advance(TimeSpan.FromDays(1.5));

        async Task<IReadOnlyList<DueReminder>> Claim(ServiceProvider node)
        {
            await using var scope = node.CreateAsyncScope();
            return await new DueReminderRecords(scope.Db(), clock).ClaimAsync(TimeSpan.FromMinutes(5), 10);
        }
        var claims = await Task.WhenAll(Task.Run(() => Claim(one)), Task.Run(() => Claim(two)));

        claims[0].Select(r => r.Id).Intersect(claims[1].Select(r => r.Id)).ShouldBeEmpty();
        claims.SelectMany(c => c).ShouldAllBe(r => r.State == DueState.Sending && r.Attempts == 1);
        var mine = claims.SelectMany(c => c).First();

        // The lease runs out and another node takes it over; the first node's late answer is refused.
        clock.Advance(TimeSpan.FromMinutes(6));
        var retaken = await Claim(two);
        retaken = [.. retaken, .. await Claim(two)];
        retaken.Select(r => r.Id).ShouldContain(mine.Id);
        await using (var scope = one.CreateAsyncScope())
        {
            (await new DueReminderRecords(scope.Db(), clock).FinishAsync(mine, DueState.Sent, "late", [])).ShouldBeFalse();
        }
        await using (var scope = two.CreateAsyncScope())
        {
            var records = new DueReminderRecords(scope.Db(), clock);
            (await records.FinishAsync(retaken.Single(r => r.Id == mine.Id), DueState.Sent, "Sent to 1 device.", ["d1"])).ShouldBeTrue();
        }
        var row = (await DueAsync(one, person)).Single(r => r.Id == mine.Id);
        row.State.ShouldBe(DueState.Sent);
        row.Outcome.ShouldBe("Sent to 1 device.");
        row.Attempts.ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_calendar_secret_finds_the_settings_until_renewed_or_revoked(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var clock = new MovingClock(Start);
        await using var scope = node.CreateAsyncScope();
        var reminders = Reminders(scope, clock);

        var first = await reminders.RenewCalendarFeedAsync(person, Berlin);
        var row = (await reminders.FindByCalendarTokenAsync(first)).ShouldNotBeNull();
        row.PersonId.ShouldBe(person);
        reminders.CalendarToken(row).ShouldBe(first);
        row.CalendarTokenHash.ShouldNotBeNull().ShouldNotContain(first);

        var second = await reminders.RenewCalendarFeedAsync(person, Berlin);
        second.ShouldNotBe(first);
        (await reminders.FindByCalendarTokenAsync(first)).ShouldBeNull();
        (await reminders.FindByCalendarTokenAsync(second)).ShouldNotBeNull();

        (await reminders.RevokeCalendarFeedAsync(person)).ShouldBeTrue();
        (await reminders.FindByCalendarTokenAsync(second)).ShouldBeNull();
        (await reminders.RevokeCalendarFeedAsync(person)).ShouldBeFalse();
    }
}
