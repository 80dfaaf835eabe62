namespace Limber.Domain.Reminders;

/// <summary>One reminder at one instant, with the local date and time it was set for.</summary>
public sealed record ReminderOccurrence(ReminderKind Kind, DateTimeOffset DueAt, DateOnly LocalDate, TimeOnly LocalTime);

/// <summary>
/// When a person's reminders fall. Local times become instants the way calendars (RFC 5545) do it: a time that
/// does not exist on a spring-forward day (02:30 when clocks jump from 02:00 to 03:00) happens after the jump,
/// at the same distance from the start of the gap (03:30); a time that happens twice on a fall-back day happens
/// once, at its first occurrence.
/// </summary>
public static class ReminderTimes
{
    /// <summary>The local times of desk breaks on a working day, before quiet times are taken out.</summary>
    public static IReadOnlyList<TimeOnly> DeskBreakTimes(DeskBreaks breaks)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        var times = new List<TimeOnly>();
        if (breaks.EveryMinutes <= 0 || breaks.WorkTo <= breaks.WorkFrom)
        {
            return times;
        }
        var end = breaks.WorkTo.ToTimeSpan();
        for (var at = breaks.WorkFrom.ToTimeSpan() + TimeSpan.FromMinutes(breaks.EveryMinutes); at < end; at += TimeSpan.FromMinutes(breaks.EveryMinutes))
        {
            times.Add(TimeOnly.FromTimeSpan(at));
        }
        return times;
    }

    /// <summary>The reminders of one local date, in order of time, without those in quiet times or on a paused day.</summary>
    public static IReadOnlyList<(TimeOnly At, ReminderKind Kind)> On(ReminderSettings settings, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var day = new List<(TimeOnly, ReminderKind)>();
        if (settings.PausedOn == date)
        {
            return day;
        }
        if (settings.Days.Contains(date.DayOfWeek))
        {
            day.AddRange(settings.Daily.Select(d => (d.At, d.Kind)));
        }
        if (settings.DeskBreaks is { } breaks && breaks.Days.Contains(date.DayOfWeek))
        {
            // A desk break at a routine or check-in reminder's time would only repeat it; left out every day, so that each
            // time of day is one kind of reminder (one recurring event in the calendar feed).
            day.AddRange(DeskBreakTimes(breaks).Where(t => settings.Daily.All(d => d.At != t)).Select(t => (t, ReminderKind.DeskBreak)));
        }
        return [.. day.Where(r => !settings.IsQuiet(r.Item1)).OrderBy(r => r.Item1).ThenBy(r => r.Item2)];
    }

    /// <summary>Every reminder due at or after <paramref name="from"/> and before <paramref name="to"/>, in order.</summary>
    public static IEnumerable<ReminderOccurrence> Between(ReminderSettings settings, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (to <= from)
        {
            yield break;
        }
        // Local dates that can hold an instant of the window: offsets are within a day of UTC.
        var first = DateOnly.FromDateTime(from.UtcDateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(to.UtcDateTime).AddDays(1);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            foreach (var (at, kind) in On(settings, date))
            {
                var due = Instant(settings.TimeZone, date, at);
                if (due >= from && due < to)
                {
                    yield return new ReminderOccurrence(kind, due, date, at);
                }
            }
        }
    }

    /// <summary>The next <paramref name="count"/> reminders after <paramref name="now"/>, looking at most two weeks ahead.</summary>
    public static IReadOnlyList<ReminderOccurrence> Next(ReminderSettings settings, DateTimeOffset now, int count) =>
        [.. Between(settings, now, now.AddDays(14)).Take(count)];

    /// <summary>The instant of a local date and time in a zone, resolving gaps and overlaps as RFC 5545 does.</summary>
    public static DateTimeOffset Instant(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // In the gap: read the time with the offset in force before it, which lands after the jump.
            offset = zone.GetUtcOffset(local.AddHours(-3));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            // Twice: the first time, which has the larger offset (summer time still in force).
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc));
    }
}
