using Limber.Domain.Safety;

namespace Limber.Domain.Progress;

/// <summary>One daily check-in as progress reads it.</summary>
/// <param name="WhatHelped">What the person did for their back that day: heat, ice, walk, swim, yoga, foamRoller, massage, lumbarRoll, sleepingPosition.</param>
public sealed record CheckInEntry(DateOnly Date, int Pain, int? Stiffness, int? MorningStiffnessMinutes, IReadOnlyList<string> WhatHelped);

/// <summary>What the progress page is made from. <paramref name="Today"/> is passed in: nothing here reads a clock.</summary>
/// <param name="ProgramStart">Day 1 of the program; the charts start there.</param>
/// <param name="BaselinePain">Pain 0–10 given at onboarding.</param>
/// <param name="BaselineActivity">The everyday-activity score at onboarding (the mean of 3–5 activities, 0–10).</param>
/// <param name="SessionDates">The date of each session done (one entry per session).</param>
/// <param name="Activity">Everyday-activity scores as re-rated, the onboarding one included or not.</param>
public sealed record ProgressInput(
    DateOnly ProgramStart,
    DateOnly Today,
    int BaselinePain,
    double BaselineActivity,
    int Age,
    IReadOnlyList<CheckInEntry> CheckIns,
    IReadOnlyList<DateOnly> SessionDates,
    IReadOnlyList<DatedScore> Activity);

/// <summary>A day's pain and the mean of the 7 days up to it (null when none of those days has a check-in).</summary>
public sealed record PainDay(DateOnly Date, int? Pain, double? MeanOf7Days);

/// <summary>A day's stiffness (0–10) and morning stiffness in minutes, as checked in.</summary>
public sealed record StiffnessDay(DateOnly Date, int? Stiffness, int? MorningStiffnessMinutes);

/// <summary>How many sessions were done on a day.</summary>
public sealed record AdherenceDay(DateOnly Date, int Sessions);

/// <summary>Sessions per day and the streaks of days with at least one.</summary>
public sealed record Adherence(IReadOnlyList<AdherenceDay> Days, int CurrentStreak, int LongestStreak, int DaysDoneLast7, int DaysDoneLast28);

/// <summary>
/// Next-day pain after days with one self-care action and after days without it. Only days followed by a check-in
/// count. <see cref="Enough"/> is false until each side has <see cref="ProgressReport.HelpedMinimumDays"/> days.
/// </summary>
public sealed record HelpedComparison(string Action, int DaysWith, double? NextDayPainWith, int DaysWithout, double? NextDayPainWithout, bool Enough, string Words);

/// <summary>Everything the progress page and <c>GET /api/v1/me/progress</c> show.</summary>
/// <param name="MeaningfulChange">The pain level that would be a meaningful improvement on the baseline: 2 points or 30 % lower, whichever is more (Ostelo 2008).</param>
public sealed record ProgressReport(
    DateOnly From,
    DateOnly To,
    int BaselinePain,
    double MeaningfulChange,
    IReadOnlyList<PainDay> Pain,
    IReadOnlyList<StiffnessDay> Stiffness,
    Adherence Adherence,
    double BaselineActivity,
    IReadOnlyList<DatedScore> Activity,
    IReadOnlyList<HelpedComparison> WhatHelped,
    WatchResult Watch)
{
    /// <summary>The self-care actions a check-in may name, in the order shown.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        ["heat", "ice", "walk", "swim", "yoga", "foamRoller", "massage", "lumbarRoll", "sleepingPosition"];

    /// <summary>
    /// Days needed on each side (with and without an action) before a comparison is shown at all. Pragmatic: fewer
    /// days than this say nothing that chance alone would not.
    /// </summary>
    public const int HelpedMinimumDays = 5;

    public static ProgressReport Build(ProgressInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var from = input.ProgramStart <= input.Today ? input.ProgramStart : input.Today;
        var days = Enumerable.Range(0, input.Today.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var checkIns = input.CheckIns.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.Last());

        var pain = new List<PainDay>(days.Count);
        foreach (var day in days)
        {
            var window = Enumerable.Range(0, ImprovementWatch.PainWindowDays)
                .Select(back => day.AddDays(-back))
                .Where(d => d >= from && checkIns.ContainsKey(d))
                .Select(d => checkIns[d].Pain)
                .ToList();
            pain.Add(new PainDay(day, checkIns.TryGetValue(day, out var c) ? c.Pain : null, window.Count == 0 ? null : window.Average()));
        }
        var stiffness = days.Select(d => checkIns.TryGetValue(d, out var c)
            ? new StiffnessDay(d, c.Stiffness, c.MorningStiffnessMinutes)
            : new StiffnessDay(d, null, null)).ToList();

        var watch = WatchOf(input);

        return new ProgressReport(
            from, input.Today, input.BaselinePain, MeaningfulChangeFrom(input.BaselinePain),
            pain, stiffness, AdherenceOf(days, input.SessionDates, input.Today), input.BaselineActivity,
            [.. input.Activity.Where(a => a.Date >= from && a.Date <= input.Today).OrderBy(a => a.Date)],
            [.. Actions.Select(a => Helped(a, checkIns))],
            watch);
    }

    /// <summary>
    /// The not-improving watch alone (safety.md section 6), for a page that shows its message without the charts; the
    /// sessions of <paramref name="input"/> are not needed for it.
    /// </summary>
    public static WatchResult WatchOf(ProgressInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // One check-in a day; should two share a date, the later one counts, as on the charts.
        var pain = input.CheckIns.GroupBy(c => c.Date).Select(g => new DatedScore(g.Key, g.Last().Pain)).ToList();
        return ImprovementWatch.Judge(new WatchInput(
            input.BaselinePain, input.BaselineActivity, pain, input.Activity, input.ProgramStart, input.Today, input.Age));
    }

    /// <summary>A meaningful improvement: 2 points or 30 % below the baseline, whichever is the bigger change; never below 0.</summary>
    public static double MeaningfulChangeFrom(int baseline) =>
        Math.Max(0, baseline - Math.Max(ImprovementWatch.MeaningfulPainPoints, baseline * ImprovementWatch.MeaningfulPainFraction));

    private static Adherence AdherenceOf(List<DateOnly> days, IReadOnlyList<DateOnly> sessions, DateOnly today)
    {
        var perDay = sessions.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var list = days.Select(d => new AdherenceDay(d, perDay.GetValueOrDefault(d))).ToList();
        int longest = 0, run = 0;
        foreach (var day in list)
        {
            run = day.Sessions > 0 ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        // Today still counts as part of the streak before today's session is done.
        var current = 0;
        for (var d = perDay.GetValueOrDefault(today) > 0 ? today : today.AddDays(-1); perDay.GetValueOrDefault(d) > 0; d = d.AddDays(-1))
        {
            current++;
        }
        int DoneIn(int n) => Enumerable.Range(0, n).Count(back => perDay.GetValueOrDefault(today.AddDays(-back)) > 0);
        return new Adherence(list, current, longest, DoneIn(7), DoneIn(28));
    }

    private static HelpedComparison Helped(string action, Dictionary<DateOnly, CheckInEntry> checkIns)
    {
        var with = new List<int>();
        var without = new List<int>();
        foreach (var (date, entry) in checkIns)
        {
            if (checkIns.TryGetValue(date.AddDays(1), out var next))
            {
                (entry.WhatHelped.Contains(action, StringComparer.Ordinal) ? with : without).Add(next.Pain);
            }
        }
        double? meanWith = with.Count == 0 ? null : with.Average();
        double? meanWithout = without.Count == 0 ? null : without.Average();
        var enough = with.Count >= HelpedMinimumDays && without.Count >= HelpedMinimumDays;
        var name = ActionName(action);
        var words = !enough
            ? $"Not enough days yet to compare {name}: {with.Count} with and {without.Count} without (at least {HelpedMinimumDays} of each are needed)."
            : $"On the {with.Count} days after {name}, your pain at the next day's check-in averaged {meanWith:0.#}; after the {without.Count} days without, {meanWithout:0.#}. "
              + (Math.Abs(meanWith!.Value - meanWithout!.Value) < 1
                  ? "That is about the same."
                  : meanWith < meanWithout ? $"Your next days were easier after {name}." : $"Your next days were harder after {name}.")
              + " This is what your own days show, not proof that one caused the other.";
        return new HelpedComparison(action, with.Count, meanWith, without.Count, meanWithout, enough, words);
    }

    /// <summary>An action in words, to follow "after".</summary>
    public static string ActionName(string action) => action switch
    {
        "heat" => "using heat",
        "ice" => "using ice",
        "walk" => "a walk",
        "swim" => "a swim",
        "yoga" => "yoga",
        "foamRoller" => "foam rolling",
        "massage" => "a massage",
        "lumbarRoll" => "using a lumbar roll",
        "sleepingPosition" => "changing your sleeping position",
        _ => action,
    };
}
