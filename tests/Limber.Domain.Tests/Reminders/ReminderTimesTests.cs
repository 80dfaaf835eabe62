using CsCheck;
using Limber.Domain.Reminders;

namespace Limber.Domain.Tests.Reminders;

public sealed class ReminderTimesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static ReminderSettings Daily(TimeZoneInfo zone, params TimeOnly[] times) =>
        ReminderSettings.None(zone) with { Daily = [.. times.Select(t => new DailyReminder(t, ReminderKind.Routine))] };

    private static TimeOnly T(int hour, int minute) => new(hour, minute);

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_0730_reminder_stays_at_0730_local_across_the_spring_change()
    {
        // Berlin moves from +01:00 to +02:00 on Sunday 29 March 2026.
        var due = ReminderTimes.Between(Daily(Berlin, T(7, 30)), Utc(2026, 3, 28), Utc(2026, 3, 31)).Select(o => o.DueAt).ToList();

        due.ShouldBe([Utc(2026, 3, 28, 6, 30), Utc(2026, 3, 29, 5, 30), Utc(2026, 3, 30, 5, 30)]);
    }

    [Fact]
    public void A_0730_reminder_stays_at_0730_local_across_the_autumn_change()
    {
        // New York moves from -04:00 to -05:00 on Sunday 1 November 2026.
        var due = ReminderTimes.Between(Daily(NewYork, T(7, 30)), Utc(2026, 10, 31), Utc(2026, 11, 3)).Select(o => o.DueAt).ToList();

        due.ShouldBe([Utc(2026, 10, 31, 11, 30), Utc(2026, 11, 1, 12, 30), Utc(2026, 11, 2, 12, 30)]);
    }

    [Fact]
    public void A_time_in_the_spring_gap_happens_just_after_the_jump()
    {
        // 02:30 does not exist in Berlin on 29 March 2026 (02:00 becomes 03:00): RFC 5545 reads it with the offset
        // before the gap, which is 01:30 UTC, 03:30 local.
        ReminderTimes.Instant(Berlin, new(2026, 3, 29), new(2, 30)).ShouldBe(Utc(2026, 3, 29, 1, 30));
    }

    [Fact]
    public void A_time_that_happens_twice_in_autumn_is_reminded_once_at_its_first_occurrence()
    {
        // 02:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC in Berlin on 25 October 2026.
        var due = ReminderTimes.Between(Daily(Berlin, T(2, 30)), Utc(2026, 10, 24, 12), Utc(2026, 10, 25, 12)).ToList();

        due.Select(o => o.DueAt).ShouldBe([Utc(2026, 10, 25, 0, 30)]);
    }

    [Fact]
    public void Desk_breaks_fall_every_interval_inside_working_hours_only_on_working_days()
    {
        var settings = ReminderSettings.None(Berlin) with
        {
            DeskBreaks = new DeskBreaks(45, ReminderSettings.Weekdays, new(9, 0), new(12, 0)),
        };

        // Friday 27 November 2026, then a weekend with none.
        var due = ReminderTimes.Between(settings, Utc(2026, 11, 26, 23), Utc(2026, 11, 29, 23)).ToList();

        due.Select(o => o.LocalTime).ShouldBe([new(9, 45), new(10, 30), new(11, 15)]);
        due.ShouldAllBe(o => o.Kind == ReminderKind.DeskBreak && o.LocalDate == new DateOnly(2026, 11, 27));
    }

    [Fact]
    public void Quiet_times_take_out_reminders_even_across_midnight()
    {
        var settings = Daily(Berlin, T(6, 30), T(12, 15), T(18, 0), T(23, 0)) with
        {
            QuietTimes = [new QuietTime(new(22, 0), new(7, 0)), new QuietTime(new(12, 0), new(13, 0))],
        };

        ReminderTimes.On(settings, new(2026, 11, 25)).Select(r => r.At).ShouldBe([new TimeOnly(18, 0)]);
    }

    [Fact]
    public void A_quiet_time_includes_its_start_and_excludes_its_end()
    {
        var quiet = new QuietTime(new(12, 0), new(13, 0));

        quiet.Contains(new(12, 0)).ShouldBeTrue();
        quiet.Contains(new(13, 0)).ShouldBeFalse();
    }

    [Fact]
    public void A_paused_day_has_no_reminders_and_the_next_day_has_them_again()
    {
        var settings = Daily(Berlin, T(7, 30)) with
        {
            PausedOn = new DateOnly(2026, 11, 25),
            DeskBreaks = new DeskBreaks(60, ReminderSettings.EveryDay, new(9, 0), new(17, 0)),
        };

        ReminderTimes.On(settings, new(2026, 11, 25)).ShouldBeEmpty();
        ReminderTimes.On(settings, new(2026, 11, 26)).ShouldNotBeEmpty();
    }

    [Fact]
    public void Daily_reminders_follow_their_days_and_a_desk_break_at_the_same_time_is_not_repeated()
    {
        var settings = ReminderSettings.None(Berlin) with
        {
            Daily = [new DailyReminder(new(10, 0), ReminderKind.Routine), new DailyReminder(new(20, 0), ReminderKind.CheckIn)],
            Days = new HashSet<DayOfWeek> { DayOfWeek.Wednesday },
            DeskBreaks = new DeskBreaks(60, ReminderSettings.Weekdays, new(9, 0), new(11, 30)),
        };

        // Wednesday 25 November 2026, then Thursday.
        ReminderTimes.On(settings, new(2026, 11, 25)).ShouldBe(
            [(new TimeOnly(10, 0), ReminderKind.Routine), (new TimeOnly(11, 0), ReminderKind.DeskBreak), (new TimeOnly(20, 0), ReminderKind.CheckIn)]);
        // On days without daily reminders too, so each time of day is one kind of reminder (one calendar event).
        ReminderTimes.On(settings, new(2026, 11, 26)).ShouldBe([(new TimeOnly(11, 0), ReminderKind.DeskBreak)]);
    }

    [Fact]
    public void Next_answers_the_coming_reminders_in_order()
    {
        var settings = Daily(Berlin, T(7, 30), T(19, 0));

        var next = ReminderTimes.Next(settings, Utc(2026, 11, 24, 12), 3);

        next.Select(o => (o.LocalDate, o.LocalTime)).ShouldBe(
            [(new DateOnly(2026, 11, 24), new TimeOnly(19, 0)), (new DateOnly(2026, 11, 25), new TimeOnly(7, 30)), (new DateOnly(2026, 11, 25), new TimeOnly(19, 0))]);
    }

    [Fact]
    public void Problems_name_the_field_of_each_bad_setting()
    {
        var settings = ReminderSettings.None(Berlin) with
        {
            Daily = [new DailyReminder(new(7, 0), ReminderKind.Routine), new DailyReminder(new(7, 0), ReminderKind.CheckIn)],
            Days = new HashSet<DayOfWeek>(),
            DeskBreaks = new DeskBreaks(5, new HashSet<DayOfWeek>(), new(17, 0), new(9, 0)),
            QuietTimes = [new QuietTime(new(12, 0), new(12, 0))],
        };

        settings.Problems().Select(p => p.Field).ShouldBe(
            ["daily[1].at", "days", "deskBreaks.everyMinutes", "deskBreaks.days", "deskBreaks.workTo", "quietTimes[0].to"], ignoreOrder: true);
    }

    [Fact]
    public void Working_hours_shorter_than_the_interval_are_a_problem()
    {
        var settings = ReminderSettings.None(Berlin) with { DeskBreaks = new DeskBreaks(90, ReminderSettings.Weekdays, new(9, 0), new(10, 0)) };

        settings.Problems().ShouldHaveSingleItem().Field.ShouldBe("deskBreaks.everyMinutes");
    }

    [Fact]
    public void Every_occurrence_is_in_its_window_in_order_and_at_its_local_time_unless_in_a_gap()
    {
        string[] zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago", "Pacific/Chatham"];
        var gen =
            from zone in Gen.OneOfConst(zones)
            from minutes in Gen.Int[0, 24 * 60 - 1].Array[0, 4]
            from start in Gen.Int[0, 365 * 24]
            from hours in Gen.Int[1, 24 * 20]
            select (zone, minutes, start, hours);

        gen.Sample(t =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(t.zone);
            var settings = Daily(zone, [.. t.minutes.Distinct().Select(m => new TimeOnly(m / 60, m % 60))]);
            var from = Utc(2026, 1, 1).AddHours(t.start);
            var to = from.AddHours(t.hours);
            var due = ReminderTimes.Between(settings, from, to).ToList();

            due.ShouldAllBe(o => o.DueAt >= from && o.DueAt < to);
            due.Select(o => o.DueAt).ShouldBeInOrder();
            due.Select(o => (o.LocalDate, o.LocalTime)).Distinct().Count().ShouldBe(due.Count);
            foreach (var o in due)
            {
                var local = TimeZoneInfo.ConvertTime(o.DueAt, zone).DateTime;
                if (!zone.IsInvalidTime(o.LocalDate.ToDateTime(o.LocalTime)))
                {
                    local.ShouldBe(o.LocalDate.ToDateTime(o.LocalTime));
                }
            }
            // Each chosen time on each whole local day of the window, once.
            // (Local dates reach a day either side of the UTC dates.)
            var firstDate = DateOnly.FromDateTime(from.UtcDateTime).AddDays(-1);
            var days = DateOnly.FromDateTime(to.UtcDateTime).AddDays(1).DayNumber - firstDate.DayNumber + 1;
            var expected = Enumerable.Range(0, days)
                .Select(firstDate.AddDays)
                .SelectMany(date => settings.Daily.Select(r => ReminderTimes.Instant(zone, date, r.At)))
                .Count(i => i >= from && i < to);
            due.Count.ShouldBe(expected);
        });
    }
}
