using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Limber.Domain.Reminders;
using Limber.Web.Reminders;

namespace Limber.Web.Tests.Reminders;

/// <summary>
/// The calendar feed, read back with Ical.Net as a calendar app would read it. Where it matters, the occurrences a
/// calendar app expands from the feed are compared with <see cref="ReminderTimes.Between"/>, which the push reminders
/// use: a person who has both must get each reminder at the same instant from each.
/// </summary>
public sealed class CalendarFeedTests
{
    private const string FeedId = "k7d2q9";

    private static readonly CalendarLinks _links = new(
        new Uri("https://limber.example/session"),
        new Uri("https://limber.example/check-in"),
        new Uri("https://limber.example/today"));

    private static readonly TimeSpan _routineLength = TimeSpan.FromMinutes(12);

    private static readonly TimeZoneInfo _berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Tuesday 17 March 2026, 10:15 in Berlin: twelve days before the spring change.
    private static readonly DateTimeOffset _now = new(2026, 3, 17, 9, 15, 0, TimeSpan.Zero);

    /// <summary>
    /// A routine at 07:30 and a check-in at 16:00 every day; desk breaks hourly from 09:00 to 17:00 on weekdays, so at
    /// 10, 11, 13, 14 and 15 (12:00 is in the lunch quiet time and 16:00 is already the check-in).
    /// </summary>
    private static ReminderSettings Usual(TimeZoneInfo zone, DateOnly? pausedOn = null) => new(
        zone,
        [new DailyReminder(new TimeOnly(7, 30), ReminderKind.Routine), new DailyReminder(new TimeOnly(16, 0), ReminderKind.CheckIn)],
        ReminderSettings.EveryDay,
        new DeskBreaks(60, ReminderSettings.Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [new QuietTime(new TimeOnly(12, 0), new TimeOnly(13, 0))],
        pausedOn);

    private static readonly string[] _usualUids =
    [
        $"routine-0730-{FeedId}@limber",
        $"deskbreak-1000-{FeedId}@limber",
        $"deskbreak-1100-{FeedId}@limber",
        $"deskbreak-1300-{FeedId}@limber",
        $"deskbreak-1400-{FeedId}@limber",
        $"deskbreak-1500-{FeedId}@limber",
        $"checkin-1600-{FeedId}@limber",
    ];

    private static string Write(ReminderSettings settings, DateTimeOffset? now = null) =>
        CalendarFeed.Write(settings, _links, FeedId, now ?? _now, _routineLength);

    private static Calendar Read(string text) => Calendar.Load(text) ?? throw new InvalidOperationException("No calendar in the feed.");

    private static CalendarEvent Event(Calendar calendar, string uid) => calendar.Events.Single(e => e.Uid == uid);

    [Fact]
    public void The_feed_names_itself_and_asks_subscribers_to_refresh_every_six_hours()
    {
        var text = Write(Usual(_berlin));
        var calendar = Read(text);

        calendar.ProductId.ShouldBe("-//Limber//Reminders//EN");
        calendar.Method.ShouldBe("PUBLISH");
        calendar.Version.ShouldBe("2.0");
        calendar.Properties["X-WR-CALNAME"].ShouldNotBeNull().Value.ShouldBe("Limber reminders");
        calendar.Properties["X-WR-TIMEZONE"].ShouldNotBeNull().Value.ShouldBe("Europe/Berlin");
        text.ShouldContain("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n");
        text.ShouldContain("\r\nX-PUBLISHED-TTL:PT6H\r\n");
    }

    [Fact]
    public void The_feed_carries_a_VTIMEZONE_for_the_person_s_zone_with_both_seasons()
    {
        var zone = Read(Write(Usual(_berlin))).TimeZones.ShouldHaveSingleItem();

        zone.TzId.ShouldBe("Europe/Berlin");
        zone.TimeZoneInfos.Select(i => i.Name).Order().ShouldBe(["DAYLIGHT", "STANDARD"]);
        zone.TimeZoneInfos.ShouldAllBe(i => i.RecurrenceRule != null && i.RecurrenceRule.Frequency == FrequencyType.Yearly);
    }

    /// <summary>
    /// Apps that read the VTIMEZONE instead of looking the TZID up must change the clocks when the zone does: every
    /// onset of every observance in 2026 and 2027 is a real change from TZOFFSETFROM to TZOFFSETTO, and every real
    /// change (found by stepping through the years in quarter hours, which Lord Howe's half-hour change needs) is an
    /// onset.
    /// </summary>
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Asia/Kolkata")]
    public void The_VTIMEZONE_changes_the_clocks_exactly_when_the_zone_does(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var vTimeZone = Read(Write(Usual(zone))).TimeZones.ShouldHaveSingleItem();

        var onsets = new List<(DateTime At, TimeSpan From, TimeSpan To)>();
        foreach (var observance in vTimeZone.TimeZoneInfos)
        {
            var offsetFrom = observance.OffsetFrom!.Offset;
            var offsetTo = observance.OffsetTo!.Offset;
            // An onset is a local time read with the offset in force before it (RFC 5545 3.6.5).
            onsets.AddRange(observance.GetOccurrences(new CalDateTime(new DateTime(2025, 1, 1), true), null)
                .Select(o => DateTime.SpecifyKind(o.Period.StartTime.Value - offsetFrom, DateTimeKind.Utc))
                .TakeWhile(at => at < to)
                .Where(at => at >= from)
                .Select(at => (at, offsetFrom, offsetTo)));
        }
        var changes = new List<DateTime>();
        for (var at = from; at < to; at = at.AddMinutes(15))
        {
            if (zone.GetUtcOffset(at.AddMinutes(-15)) != zone.GetUtcOffset(at))
            {
                changes.Add(at);
            }
        }

        onsets.Select(o => o.At).Order().ShouldBe(changes);
        foreach (var (at, offsetFrom, offsetTo) in onsets)
        {
            zone.GetUtcOffset(at.AddMinutes(-15)).ShouldBe(offsetFrom, $"offset before {at:O}");
            zone.GetUtcOffset(at).ShouldBe(offsetTo, $"offset from {at:O}");
        }
    }

    [Fact]
    public void A_clock_years_ahead_still_gets_a_VTIMEZONE()
    {
        // Ical.Net's VTIMEZONE window ends at the system clock; a fake clock this far ahead starts it after its end.
        var calendar = Read(Write(Usual(_berlin), new DateTimeOffset(2040, 3, 20, 9, 0, 0, TimeSpan.Zero)));

        calendar.TimeZones.ShouldHaveSingleItem().TimeZoneInfos.Select(i => i.Name).Order().ShouldBe(["DAYLIGHT", "STANDARD"]);
        calendar.Events.ShouldAllBe(e => e.DtStart!.Year == 2040);
    }

    [Fact]
    public void Each_reminder_time_is_one_weekly_event_on_its_days()
    {
        var calendar = Read(Write(Usual(_berlin)));

        calendar.Events.Select(e => e.Uid).ShouldBe(_usualUids, ignoreOrder: true);
        foreach (var reminder in calendar.Events)
        {
            var rule = reminder.RecurrenceRule.ShouldNotBeNull();
            rule.Frequency.ShouldBe(FrequencyType.Weekly);
            rule.Interval.ShouldBe(1);
            rule.Count.ShouldBeNull();
            rule.Until.ShouldBeNull();
            var days = rule.ByDay.Select(d => d.DayOfWeek).ToHashSet();
            days.ShouldBe(
                reminder.Uid!.StartsWith("deskbreak", StringComparison.Ordinal) ? ReminderSettings.Weekdays : ReminderSettings.EveryDay,
                ignoreOrder: true);
        }
    }

    [Fact]
    public void UIDs_stay_the_same_from_one_fetch_to_the_next_and_DTSTAMP_is_the_time_of_the_fetch()
    {
        var later = _now.AddDays(9).AddHours(5).AddMinutes(7);
        var first = Read(Write(Usual(_berlin), _now));
        var second = Read(Write(Usual(_berlin), later));

        second.Events.Select(e => e.Uid).ShouldBe(first.Events.Select(e => e.Uid), ignoreOrder: true);
        first.Events.ShouldAllBe(e => e.DtStamp!.IsUtc && e.DtStamp.AsUtc == _now.UtcDateTime);
        second.Events.ShouldAllBe(e => e.DtStamp!.IsUtc && e.DtStamp.AsUtc == later.UtcDateTime);
    }

    [Fact]
    public void Each_kind_of_reminder_opens_its_own_page_and_says_what_it_is()
    {
        var calendar = Read(Write(Usual(_berlin)));
        var routine = Event(calendar, $"routine-0730-{FeedId}@limber");
        var checkIn = Event(calendar, $"checkin-1600-{FeedId}@limber");
        var deskBreak = Event(calendar, $"deskbreak-1000-{FeedId}@limber");

        routine.Url.ShouldBe(_links.Routine);
        checkIn.Url.ShouldBe(_links.CheckIn);
        deskBreak.Url.ShouldBe(_links.Today);
        routine.Summary.ShouldBe("Limber: today's routine");
        checkIn.Summary.ShouldBe("Limber: check in");
        deskBreak.Summary.ShouldBe("Limber: desk break — stand up and move");
        foreach (var reminder in calendar.Events)
        {
            reminder.Description.ShouldNotBeNull().ShouldContain(reminder.Url!.ToString());
        }
    }

    [Fact]
    public void A_routine_lasts_the_routine_s_length_a_check_in_five_minutes_and_a_desk_break_two()
    {
        var calendar = Read(Write(Usual(_berlin)));

        Event(calendar, $"routine-0730-{FeedId}@limber").Duration.ShouldBe(Duration.FromMinutes(12));
        Event(calendar, $"checkin-1600-{FeedId}@limber").Duration.ShouldBe(Duration.FromMinutes(5));
        Event(calendar, $"deskbreak-1400-{FeedId}@limber").Duration.ShouldBe(Duration.FromMinutes(2));
    }

    [Fact]
    public void Reminders_do_not_block_time_and_alert_at_their_start()
    {
        var text = Write(Usual(_berlin));
        var calendar = Read(text);

        foreach (var reminder in calendar.Events)
        {
            reminder.Transparency.ShouldBe("TRANSPARENT");
            var alarm = reminder.Alarms.ShouldHaveSingleItem();
            alarm.Action.ShouldBe("DISPLAY");
            alarm.Description.ShouldBe(reminder.Summary);
            alarm.Trigger.ShouldNotBeNull().IsRelative.ShouldBeTrue();
            alarm.Trigger.Related.ShouldBe("START");
            alarm.Trigger.Duration.ShouldBe(Duration.Zero);
        }
        text.Split("\r\n").Count(l => l == "TRIGGER:PT0S").ShouldBe(_usualUids.Length);
    }

    [Fact]
    public void The_feed_starts_on_the_local_today_and_desk_breaks_on_the_next_working_day()
    {
        // 23:30 UTC on Saturday 21 March is 00:30 on Sunday 22 March in Berlin.
        var calendar = Read(Write(Usual(_berlin), new DateTimeOffset(2026, 3, 21, 23, 30, 0, TimeSpan.Zero)));

        var routineStart = Event(calendar, $"routine-0730-{FeedId}@limber").DtStart!;
        routineStart.TzId.ShouldBe("Europe/Berlin");
        (routineStart.Date, routineStart.Time).ShouldBe((new DateOnly(2026, 3, 22), new TimeOnly(7, 30)));
        var breakStart = Event(calendar, $"deskbreak-1000-{FeedId}@limber").DtStart!;
        breakStart.TzId.ShouldBe("Europe/Berlin");
        (breakStart.Date, breakStart.Time).ShouldBe((new DateOnly(2026, 3, 23), new TimeOnly(10, 0)));
    }

    [Fact]
    public void Without_a_pause_there_is_no_EXDATE()
    {
        var text = Write(Usual(_berlin));

        Read(text).Events.ShouldAllBe(e => !e.ExceptionDates.GetAllDates().Any());
        text.ShouldNotContain("EXDATE");
    }

    /// <summary>A Wednesday, when every reminder would come, and the Sunday of the spring change, when desk breaks would not.</summary>
    [Theory]
    [InlineData("2026-03-25", 7)]
    [InlineData("2026-03-29", 2)]
    public void A_paused_date_is_an_EXDATE_on_each_event_of_that_day_and_has_no_reminders(string paused, int pausedEvents)
    {
        var pausedOn = DateOnly.Parse(paused, System.Globalization.CultureInfo.InvariantCulture);
        var settings = Usual(_berlin, pausedOn);
        var calendar = Read(Write(settings));

        var excepted = calendar.Events.Where(e => e.ExceptionDates.GetAllDates().Any()).ToList();
        excepted.Count.ShouldBe(pausedEvents);
        foreach (var reminder in excepted)
        {
            var exception = reminder.ExceptionDates.GetAllDates().ShouldHaveSingleItem();
            exception.TzId.ShouldBe("Europe/Berlin");
            (exception.Date, exception.Time).ShouldBe((pausedOn, reminder.DtStart!.Time));
        }
        var (from, to) = Window(settings, _now, new DateOnly(2026, 4, 8));
        var occurrences = Occurrences(calendar, from, to);
        occurrences.ShouldNotBeEmpty();
        occurrences.ShouldNotContain(o => LocalDate(_berlin, o.At) == pausedOn);
        ShouldBeTheSame(occurrences, Expected(settings, from, to));
    }

    [Fact]
    public void A_pause_before_the_local_today_leaves_no_EXDATE()
    {
        Read(Write(Usual(_berlin, new DateOnly(2026, 3, 16)))).Events.ShouldAllBe(e => !e.ExceptionDates.GetAllDates().Any());
    }

    [Fact]
    public void Quiet_times_across_midnight_leave_their_times_out_of_the_feed()
    {
        var settings = new ReminderSettings(
            _berlin,
            [
                new DailyReminder(new TimeOnly(6, 30), ReminderKind.Routine),
                new DailyReminder(new TimeOnly(7, 0), ReminderKind.Routine),
                new DailyReminder(new TimeOnly(21, 30), ReminderKind.CheckIn),
                new DailyReminder(new TimeOnly(22, 0), ReminderKind.CheckIn),
                new DailyReminder(new TimeOnly(23, 30), ReminderKind.CheckIn),
            ],
            ReminderSettings.EveryDay,
            null,
            [new QuietTime(new TimeOnly(22, 0), new TimeOnly(7, 0))],
            null);
        var calendar = Read(Write(settings));

        // The quiet time includes its start (22:00) and excludes its end (07:00).
        calendar.Events.Select(e => e.Uid).ShouldBe([$"routine-0700-{FeedId}@limber", $"checkin-2130-{FeedId}@limber"], ignoreOrder: true);
        var (from, to) = Window(settings, _now, new DateOnly(2026, 4, 8));
        ShouldBeTheSame(Occurrences(calendar, from, to), Expected(settings, from, to));
    }

    [Fact]
    public void Desk_breaks_come_on_working_days_only()
    {
        var settings = Usual(_berlin) with { Daily = [] };
        var calendar = Read(Write(settings));

        var (from, to) = Window(settings, _now, new DateOnly(2026, 4, 8));
        var occurrences = Occurrences(calendar, from, to);
        // 16 weekdays from Tuesday 17 March to Tuesday 7 April, each at 10, 11, 13, 14, 15 and 16 (not 12, lunch is quiet).
        occurrences.Count.ShouldBe(16 * 6);
        occurrences.ShouldAllBe(o => o.Kind == ReminderKind.DeskBreak);
        occurrences.ShouldAllBe(o => ReminderSettings.Weekdays.Contains(LocalDate(_berlin, o.At).DayOfWeek));
        ShouldBeTheSame(occurrences, Expected(settings, from, to));
    }

    /// <summary>
    /// Reminders at times the changes skip or repeat somewhere: 01:30 (repeated in New York in autumn), 01:45 (repeated
    /// on Lord Howe in April), 02:15 (skipped on Lord Howe in October), 02:30 (skipped in Berlin and New York in spring,
    /// repeated in Berlin in autumn), and 07:30, which no change touches. Kolkata has no changes at all.
    /// </summary>
    private static ReminderSettings AroundTheChanges(TimeZoneInfo zone) => new(
        zone,
        [
            new DailyReminder(new TimeOnly(1, 30), ReminderKind.CheckIn),
            new DailyReminder(new TimeOnly(1, 45), ReminderKind.CheckIn),
            new DailyReminder(new TimeOnly(2, 15), ReminderKind.Routine),
            new DailyReminder(new TimeOnly(2, 30), ReminderKind.Routine),
            new DailyReminder(new TimeOnly(7, 30), ReminderKind.Routine),
        ],
        ReminderSettings.EveryDay,
        new DeskBreaks(90, ReminderSettings.Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [new QuietTime(new TimeOnly(12, 0), new TimeOnly(13, 0))],
        null);

    /// <summary>
    /// Three weeks either side of each change, expanded by Ical.Net and by <see cref="ReminderTimes.Between"/>:
    /// the same reminders at the same instants.
    /// </summary>
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29")]
    [InlineData("Europe/Berlin", "2026-10-25")]
    [InlineData("America/New_York", "2026-03-08")]
    [InlineData("America/New_York", "2026-11-01")]
    [InlineData("Australia/Lord_Howe", "2026-04-05")]
    [InlineData("Australia/Lord_Howe", "2026-10-04")]
    [InlineData("Asia/Kolkata", "2026-03-29")]
    public void Across_a_daylight_saving_change_the_feed_has_the_reminders_of_ReminderTimes(string zoneId, string change)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var changeDate = DateOnly.Parse(change, System.Globalization.CultureInfo.InvariantCulture);
        var settings = AroundTheChanges(zone);
        var now = ReminderTimes.Instant(zone, changeDate.AddDays(-21), new TimeOnly(12, 0));
        var calendar = Read(Write(settings, now));

        var (from, to) = Window(settings, now, changeDate.AddDays(21));
        var occurrences = Occurrences(calendar, from, to);
        occurrences.Count.ShouldBeGreaterThan(42 * 5);
        ShouldBeTheSame(occurrences, Expected(settings, from, to));
    }

    /// <summary>
    /// The times a change skips or repeats, with the instant each library gives them. Both follow RFC 5545 3.3.5:
    /// Ical.Net (through NodaTime) and <see cref="ReminderTimes.Instant"/> read a skipped time with the offset before
    /// the gap, so it lands as far after the jump as it was after the gap's start (Berlin's 02:30 on 29 March is 03:30
    /// summer time), and take a repeated time at its first occurrence, still in summer time (Berlin's 02:30 on
    /// 25 October is 02:30 +02:00, not the second 02:30 +01:00 an hour later).
    /// </summary>
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29", "02:30", "2026-03-29T01:30:00Z")] // skipped: 03:30 +02:00
    [InlineData("Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T00:30:00Z")] // repeated: the first, 02:30 +02:00
    [InlineData("America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00Z")] // skipped: 03:30 -04:00
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z")] // repeated: the first, 01:30 -04:00
    [InlineData("Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00Z")] // skipped: 02:45 +11:00
    [InlineData("Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-04T14:45:00Z")] // repeated: the first, 01:45 +11:00
    public void A_time_a_change_skips_or_repeats_comes_at_the_same_instant_from_the_feed_and_from_ReminderTimes(
        string zoneId, string date, string time, string instant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var at = TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var settings = AroundTheChanges(zone);

        // Written days before, the day is one of the RRULE's; written that morning, it is the DTSTART itself.
        foreach (var written in new[] { ReminderTimes.Instant(zone, day.AddDays(-3), new TimeOnly(12, 0)), ReminderTimes.Instant(zone, day, TimeOnly.MinValue) })
        {
            var reminder = Read(Write(settings, written)).Events.Single(e => e.DtStart!.Time == at);
            var onTheDay = reminder.GetOccurrences(new CalDateTime(expected.UtcDateTime.AddDays(-2)), null)
                .Select(o => o.Period.StartTime)
                .First(start => start.Date == day);
            var fromTheFeed = new DateTimeOffset(DateTime.SpecifyKind(onTheDay.AsUtc, DateTimeKind.Utc));

            new { Written = written, Feed = fromTheFeed, Domain = ReminderTimes.Instant(zone, day, at) }
                .ShouldBe(new { Written = written, Feed = expected, Domain = expected });
        }
    }

    [Fact]
    public void A_0730_reminder_stays_at_0730_local_across_the_spring_change()
    {
        var calendar = Read(Write(Usual(_berlin)));

        var starts = Event(calendar, $"routine-0730-{FeedId}@limber")
            .GetOccurrences(new CalDateTime(new DateTime(2026, 3, 27, 0, 0, 0, DateTimeKind.Utc)), null)
            .Take(3)
            .Select(o => o.Period.StartTime)
            .ToList();

        starts.Select(s => (s.Date, s.Time)).ShouldBe(
        [
            (new DateOnly(2026, 3, 27), (TimeOnly?)new TimeOnly(7, 30)),
            (new DateOnly(2026, 3, 28), new TimeOnly(7, 30)),
            (new DateOnly(2026, 3, 29), new TimeOnly(7, 30)),
        ]);
        starts.Select(s => s.AsUtc).ShouldBe(
        [
            new DateTime(2026, 3, 27, 6, 30, 0, DateTimeKind.Utc),
            new DateTime(2026, 3, 28, 6, 30, 0, DateTimeKind.Utc),
            new DateTime(2026, 3, 29, 5, 30, 0, DateTimeKind.Utc),
        ]);
    }

    [Fact]
    public void The_feed_has_no_health_data_and_none_of_the_words_we_avoid()
    {
        var text = Write(Usual(_berlin, new DateOnly(2026, 3, 25))).ToLowerInvariant();

        foreach (var word in new[] { "treat", "cure", "relieve", "diagnos", "pain", "sciatica", "clinically", "all clear" })
        {
            text.ShouldNotContain(word);
        }
    }

    private sealed record Reminder(ReminderKind Kind, DateTimeOffset At)
    {
        public override string ToString() => $"{Kind} {At.UtcDateTime:yyyy-MM-dd HH:mm}Z";
    }

    /// <summary>From midnight of the local date of <paramref name="now"/>, where the feed starts, to the start of <paramref name="until"/>.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Window(ReminderSettings settings, DateTimeOffset now, DateOnly until) =>
        (ReminderTimes.Instant(settings.TimeZone, LocalDate(settings.TimeZone, now), TimeOnly.MinValue),
         ReminderTimes.Instant(settings.TimeZone, until, TimeOnly.MinValue));

    private static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Every occurrence Ical.Net expands from the feed in the window, with the kind its UID names.</summary>
    private static List<Reminder> Occurrences(Calendar calendar, DateTimeOffset from, DateTimeOffset to) =>
    [
        .. calendar.Events
            .SelectMany(e => e.GetOccurrences(new CalDateTime(from.UtcDateTime), null)
                .Select(o => new Reminder(KindOf(e.Uid!), new DateTimeOffset(DateTime.SpecifyKind(o.Period.StartTime.AsUtc, DateTimeKind.Utc))))
                .TakeWhile(r => r.At < to))
            .Where(r => r.At >= from)
            .OrderBy(r => r.At),
    ];

    private static List<Reminder> Expected(ReminderSettings settings, DateTimeOffset from, DateTimeOffset to) =>
        [.. ReminderTimes.Between(settings, from, to).Select(o => new Reminder(o.Kind, o.DueAt.ToUniversalTime()))];

    private static ReminderKind KindOf(string uid) => uid.Split('-')[0] switch
    {
        "routine" => ReminderKind.Routine,
        "checkin" => ReminderKind.CheckIn,
        "deskbreak" => ReminderKind.DeskBreak,
        var other => throw new InvalidOperationException($"Unknown kind in UID {uid}: {other}"),
    };

    /// <summary>The same reminders, each once; a difference names the reminders only one side has.</summary>
    private static void ShouldBeTheSame(List<Reminder> fromTheFeed, List<Reminder> fromReminderTimes)
    {
        fromTheFeed.Count.ShouldBe(fromTheFeed.Distinct().Count(), "the feed has a reminder twice");
        var onlyInTheFeed = fromTheFeed.Except(fromReminderTimes).ToList();
        var onlyInReminderTimes = fromReminderTimes.Except(fromTheFeed).ToList();
        (onlyInTheFeed.Count, onlyInReminderTimes.Count).ShouldBe(
            (0, 0),
            $"only in the feed: [{string.Join(", ", onlyInTheFeed)}]; only from ReminderTimes: [{string.Join(", ", onlyInReminderTimes)}]");
        fromTheFeed.Count.ShouldBe(fromReminderTimes.Count);
    }
}
