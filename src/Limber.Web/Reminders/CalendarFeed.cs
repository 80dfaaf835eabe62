using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Limber.Domain.Reminders;

namespace Limber.Web.Reminders;

/// <summary>Absolute links the events open: the player for a routine, the check-in page, Today for a desk break.</summary>
public sealed record CalendarLinks(Uri Routine, Uri CheckIn, Uri Today);

/// <summary>
/// A person's reminders as an iCalendar feed (RFC 5545) that a calendar app subscribes to. Each reminder time is one
/// recurring event in the person's own zone, so the calendar app keeps a 07:30 reminder at 07:30 across
/// daylight-saving changes and the feed stays a few events long however far ahead the app looks.
/// </summary>
public static class CalendarFeed
{
    public const string ProductId = "-//Limber//Reminders//EN";
    public const string Name = "Limber reminders";

    // Subscribed calendars otherwise poll when they like (Google: about daily); changed settings should show within hours.
    private const string RefreshEvery = "PT6H";

    private static readonly TimeSpan _checkInLength = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan _deskBreakLength = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The iCalendar text of a person's reminders, from <paramref name="now"/>'s local date on. It names no exercise
    /// and holds no check-in answers: a calendar is shared, synced and shown on lock screens.
    /// </summary>
    /// <param name="feedId">A stable, non-secret id of this feed, which makes the event UIDs globally unique and the
    /// same on every fetch, so a calendar app updates its events instead of duplicating them.</param>
    public static string Write(ReminderSettings settings, CalendarLinks links, string feedId, DateTimeOffset now, TimeSpan routineLength)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(routineLength, TimeSpan.Zero);
        foreach (var link in new[] { links.Routine, links.CheckIn, links.Today })
        {
            if (!link.IsAbsoluteUri)
            {
                throw new ArgumentException($"Calendar links must be absolute: {link}", nameof(links));
            }
        }

        var zoneId = IanaId(settings.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, settings.TimeZone).DateTime);
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", Name);
        calendar.AddProperty("X-WR-TIMEZONE", zoneId);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", RefreshEvery);
        refresh.Parameters.Set("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshEvery);
        calendar.AddTimeZone(ZoneOf(zoneId, today));

        var stamp = new CalDateTime(new DateTime(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc));
        foreach (var series in SeriesFrom(settings, today))
        {
            var look = LookOf(series.Kind, links, routineLength);
            var start = series.Days[0];
            var reminder = new CalendarEvent
            {
                Uid = $"{look.Slug}-{series.At:HHmm}-{feedId}@limber",
                DtStamp = stamp,
                DtStart = new CalDateTime(start, series.At, zoneId),
                Duration = Duration.FromTimeSpanExact(look.Length),
                Summary = look.Summary,
                Description = $"{look.Description}\n{look.Link}",
                Url = look.Link,
                // A reminder is a nudge, not a meeting: it must not make the person look busy to others.
                Transparency = TransparencyType.Transparent,
                RecurrenceRule = new RecurrenceRule(FrequencyType.Weekly)
                {
                    ByDay = [.. series.Days.Select(d => d.DayOfWeek).Distinct().OrderBy(MondayFirst).Select(d => new WeekDay(d))],
                },
            };
            if (settings.PausedOn is { } paused && paused >= start && series.Days.Any(d => d.DayOfWeek == paused.DayOfWeek))
            {
                reminder.ExceptionDates.Add(new CalDateTime(paused, series.At, zoneId));
            }
            var alarm = new Alarm { Action = AlarmAction.Display, Description = look.Summary };
            // Ical.Net writes a zero trigger as P0D; RFC 5545 allows both, and PT0S reads plainly as "at the start".
            alarm.AddProperty("TRIGGER", "PT0S");
            reminder.Alarms.Add(alarm);
            calendar.Events.Add(reminder);
        }
        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net wrote no text for the calendar.");
    }

    private sealed record Look(string Slug, string Summary, string Description, Uri Link, TimeSpan Length);

    private static Look LookOf(ReminderKind kind, CalendarLinks links, TimeSpan routineLength) => kind switch
    {
        // iCalendar durations have whole seconds at most.
        ReminderKind.Routine => new(
            "routine",
            "Limber: today's routine",
            "Time for today's routine. A few minutes of gentle movement can help you feel less stiff.",
            links.Routine,
            TimeSpan.FromSeconds(Math.Ceiling(routineLength.TotalSeconds))),
        ReminderKind.CheckIn => new(
            "checkin",
            "Limber: check in",
            "A quick check-in on how your back feels today. It takes about a minute.",
            links.CheckIn,
            _checkInLength),
        ReminderKind.DeskBreak => new(
            "deskbreak",
            "Limber: desk break — stand up and move",
            "Time to stand up and move for a couple of minutes. Short breaks from sitting can help you feel less stiff.",
            links.Today,
            _deskBreakLength),
    };

    /// <summary>One event of the feed: a reminder's local time and kind, and the dates of its first week.</summary>
    private sealed record Series(TimeOnly At, ReminderKind Kind, IReadOnlyList<DateOnly> Days);

    /// <summary>
    /// The reminders of a week from today, grouped into one weekly series per time and kind. They come from
    /// <see cref="ReminderTimes.On"/>, so quiet times, working days and desk breaks that would repeat a daily
    /// reminder follow exactly the rules the push reminders follow. The pause is left out here and becomes an
    /// EXDATE, so the day after it the series carry on.
    /// </summary>
    private static IEnumerable<Series> SeriesFrom(ReminderSettings settings, DateOnly today)
    {
        var unpaused = settings with { PausedOn = null };
        return Enumerable.Range(0, 7)
            .Select(today.AddDays)
            .SelectMany(date => ReminderTimes.On(unpaused, date).Select(r => (r.At, r.Kind, Date: date)))
            .GroupBy(r => (r.At, r.Kind))
            .OrderBy(g => g.Key.At).ThenBy(g => g.Key.Kind)
            .Select(g => new Series(g.Key.At, g.Key.Kind, [.. g.Select(r => r.Date).Distinct().Order()]));
    }

    /// <summary>
    /// The VTIMEZONE of the zone, so that apps which read it (rather than look the TZID up) place the events right.
    /// </summary>
    private static VTimeZone ZoneOf(string zoneId, DateOnly today)
    {
        VTimeZone zone;
        try
        {
            // Ical.Net takes the zone's rules from a year before this date up to the system clock and writes the
            // latest ones as yearly RRULEs. The window must stay short: from a much earlier year it can mistake an
            // old rule for the current one (Lord Howe's last-Sunday-of-October start before 2008).
            zone = VTimeZone.FromDateTimeZone(zoneId, today.ToDateTime(TimeOnly.MinValue), includeHistoricalData: false);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The window would end before it starts: only a fake clock more than a year ahead of the system clock
            // does that. Ical.Net's own default window (the system clock's year) describes the same current rules.
            zone = VTimeZone.FromDateTimeZone(zoneId);
        }
        var observances = zone.TimeZoneInfos.ToList();
        if (observances.Count == 1)
        {
            // A zone without daylight saving gets its last change (Kolkata's in 1945) as a yearly rule, which would
            // claim that change again every year; once is the truth.
            observances[0].RecurrenceRule = null;
        }
        return zone;
    }

    /// <summary>Calendar apps and Ical.Net know zones by their IANA ids; Windows ids are converted.</summary>
    private static string IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana
        : throw new ArgumentException($"The time zone {zone.Id} has no IANA id.", nameof(zone));

    private static int MondayFirst(DayOfWeek day) => ((int)day + 6) % 7;
}
