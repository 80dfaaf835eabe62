namespace Limber.Domain.Reminders;

/// <summary>What a reminder is for, and so what it opens.</summary>
public enum ReminderKind
{
    /// <summary>Today's routine: opens the session player.</summary>
    Routine,

    /// <summary>The daily check-in: opens the check-in page.</summary>
    CheckIn,

    /// <summary>A desk break inside working hours: opens Today.</summary>
    DeskBreak,
}

/// <summary>A reminder at a chosen local time on the chosen days.</summary>
public sealed record DailyReminder(TimeOnly At, ReminderKind Kind);

/// <summary>
/// A span of local time with no reminders, such as a lunch hour or the night. It may run past midnight
/// (22:00 to 07:00); it includes its start and excludes its end.
/// </summary>
public sealed record QuietTime(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) =>
        From < To ? time >= From && time < To : time >= From || time < To;
}

/// <summary>
/// Desk breaks every <see cref="EveryMinutes"/> inside working hours on working days: the first one
/// <see cref="EveryMinutes"/> after work starts, the last one before work ends.
/// </summary>
public sealed record DeskBreaks(int EveryMinutes, IReadOnlySet<DayOfWeek> Days, TimeOnly WorkFrom, TimeOnly WorkTo);

/// <summary>
/// A person's reminders, in their own time zone. Times are wall-clock times there, so a 07:30 reminder stays at
/// 07:30 across daylight-saving changes. <see cref="PausedOn"/> is a local date with no reminders at all
/// ("pause for today").
/// </summary>
public sealed record ReminderSettings(
    TimeZoneInfo TimeZone,
    IReadOnlyList<DailyReminder> Daily,
    IReadOnlySet<DayOfWeek> Days,
    DeskBreaks? DeskBreaks,
    IReadOnlyList<QuietTime> QuietTimes,
    DateOnly? PausedOn)
{
    public const int MostDailyReminders = 6;
    public const int MostQuietTimes = 4;
    public const int FewestBreakMinutes = 15;
    public const int MostBreakMinutes = 240;

    public static readonly IReadOnlySet<DayOfWeek> EveryDay = new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>());

    public static readonly IReadOnlySet<DayOfWeek> Weekdays = new HashSet<DayOfWeek>(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    /// <summary>No reminders, in the given zone: what a person has before choosing any.</summary>
    public static ReminderSettings None(TimeZoneInfo zone) => new(zone, [], EveryDay, null, [], null);

    public bool IsQuiet(TimeOnly time) => QuietTimes.Any(q => q.Contains(time));

    /// <summary>
    /// Every problem with these settings, each with the field it belongs to (as the API names it), so that a form
    /// can show the message beside its field.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Daily.Count > MostDailyReminders)
        {
            problems.Add(("daily", $"At most {MostDailyReminders} reminders a day."));
        }
        foreach (var group in Daily.Select((d, i) => (d, i)).GroupBy(x => x.d.At).Where(g => g.Count() > 1))
        {
            var second = group.Skip(1).First().i;
            problems.Add(($"daily[{second}].at", $"{group.Key:HH\\:mm} is already a reminder time."));
        }
        if (Daily.Count > 0 && Days.Count == 0)
        {
            problems.Add(("days", "Choose at least one day for the reminders, or remove the reminder times."));
        }
        if (DeskBreaks is { } breaks)
        {
            if (breaks.EveryMinutes is < FewestBreakMinutes or > MostBreakMinutes)
            {
                problems.Add(("deskBreaks.everyMinutes", $"A desk break every {FewestBreakMinutes} to {MostBreakMinutes} minutes."));
            }
            if (breaks.Days.Count == 0)
            {
                problems.Add(("deskBreaks.days", "Choose at least one working day for desk breaks."));
            }
            if (breaks.WorkTo <= breaks.WorkFrom)
            {
                problems.Add(("deskBreaks.workTo", "Working hours must end after they start, on the same day."));
            }
            else if (breaks.EveryMinutes >= FewestBreakMinutes && ReminderTimes.DeskBreakTimes(breaks).Count == 0)
            {
                problems.Add(("deskBreaks.everyMinutes", "Working hours are shorter than one break interval, so there would be no desk breaks."));
            }
        }
        if (QuietTimes.Count > MostQuietTimes)
        {
            problems.Add(("quietTimes", $"At most {MostQuietTimes} quiet times."));
        }
        for (var i = 0; i < QuietTimes.Count; i++)
        {
            if (QuietTimes[i].From == QuietTimes[i].To)
            {
                problems.Add(($"quietTimes[{i}].to", "A quiet time must end at a different time than it starts."));
            }
        }
        return problems;
    }
}
