namespace Limber.Domain.Safety;

/// <summary>A 0–10 score on a date: a daily pain entry, or an everyday-activity score (the mean of 3–5 activities).</summary>
public sealed record DatedScore(DateOnly Date, double Score);

/// <summary>What the not-improving watch looks at. <paramref name="Today"/> is passed in: the watch never reads a clock.</summary>
/// <param name="BaselinePain">Pain 0–10 when the program started.</param>
/// <param name="BaselineActivity">Everyday-activity score 0–10 when the program started (10 = able as before the problem).</param>
/// <param name="Pain">Daily pain entries.</param>
/// <param name="Activity">Everyday-activity scores, usually every two weeks.</param>
/// <param name="ProgramStart">Day 1 of the program (week 1 is days 1–7).</param>
/// <param name="Today">The day being judged.</param>
/// <param name="Age">Age in years.</param>
public sealed record WatchInput(
    double BaselinePain,
    double BaselineActivity,
    IReadOnlyList<DatedScore> Pain,
    IReadOnlyList<DatedScore> Activity,
    DateOnly ProgramStart,
    DateOnly Today,
    int Age);

/// <summary>One reason from the watch, with its rule id.</summary>
public sealed record WatchReason(string RuleId, Disposition Disposition, string Text);

/// <summary>The usual window for the progress chart: most improvement comes in the first 6 weeks.</summary>
public sealed record UsualWindow(DateOnly Start, DateOnly End, bool TodayInside, string Text);

/// <summary>
/// The watch's outcome: the highest disposition of the reasons (None when there are none), the reasons,
/// the figures it compared, and the usual window for the chart.
/// </summary>
public sealed record WatchResult(
    Disposition Disposition,
    IReadOnlyList<WatchReason> Reasons,
    int ProgramWeek,
    double? MeanPainLast7Days,
    double? RecentActivity,
    UsualWindow UsualWindow);

/// <summary>
/// The "not improving" watch (safety.md section 6): compares the last 7 days with the baseline and raises
/// routine when pain is getting worse from week 2, and routine (urgent at 50 or over) when neither pain nor
/// everyday activities have improved meaningfully from week 4.
/// </summary>
public static class ImprovementWatch
{
    public const string GettingWorse = "watch.getting_worse";
    public const string NotImproving = "watch.not_improving";
    public const string NeedsEntries = "watch.needs_entries";
    public const string UsualWindowRule = "watch.usual_window";

    public static IReadOnlyList<string> RuleIds { get; } = [GettingWorse, NotImproving, NeedsEntries, UsualWindowRule];

    /// <summary>"It is getting worse" applies from this program week.</summary>
    public const int GettingWorseFromWeek = 2;

    /// <summary>
    /// "No meaningful improvement" applies from this program week. safety.md says "week 4–6 or later";
    /// the earliest week is chosen because the rules only escalate.
    /// </summary>
    public const int NotImprovingFromWeek = 4;

    /// <summary>Mean pain this many points above baseline is "getting worse".</summary>
    public const double WorsePainRise = 2;

    /// <summary>A meaningful pain change: 2 points or 30 % (Ostelo 2008).</summary>
    public const double MeaningfulPainPoints = 2, MeaningfulPainFraction = 0.3;

    /// <summary>A meaningful everyday-activity change: about 2 points (Abbott 2014).</summary>
    public const double MeaningfulActivityPoints = 2;

    /// <summary>Days of daily pain entries averaged: the last 7, today included.</summary>
    public const int PainWindowDays = 7;

    /// <summary>
    /// Days of activity scores averaged. The activity scale is asked every two weeks, so a 7-day window would
    /// usually be empty; 14 days keeps exactly the latest round (pragmatic).
    /// </summary>
    public const int ActivityWindowDays = 14;

    /// <summary>Most improvement usually comes within this many weeks (Menezes Costa 2012).</summary>
    public const int UsualWindowWeeks = 6;

    // Scores are means of whole numbers; the tolerance keeps "exactly 2 points" at 2 despite binary fractions.
    private const double Tolerance = 1e-9;

    public static WatchResult Judge(WatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Score.Check(input.BaselinePain, nameof(input.BaselinePain));
        Score.Check(input.BaselineActivity, nameof(input.BaselineActivity));
        foreach (var entry in input.Pain.Concat(input.Activity))
        {
            Score.Check(entry.Score, nameof(DatedScore.Score));
        }

        var daysIn = input.Today.DayNumber - input.ProgramStart.DayNumber;
        var week = daysIn < 0 ? 0 : daysIn / 7 + 1;
        var pain = Mean(input.Pain, input, PainWindowDays);
        var activity = Mean(input.Activity, input, ActivityWindowDays);
        var window = new UsualWindow(input.ProgramStart, input.ProgramStart.AddDays(UsualWindowWeeks * 7 - 1),
            daysIn is >= 0 and < UsualWindowWeeks * 7,
            $"Most improvement usually comes in the first {UsualWindowWeeks} weeks.");

        var reasons = new List<WatchReason>();
        if (week >= GettingWorseFromWeek && pain is { } worse && worse - input.BaselinePain >= WorsePainRise - Tolerance)
        {
            reasons.Add(new(GettingWorse, Disposition.Routine,
                $"It is getting worse: your average pain over the last {PainWindowDays} days is {worse:0.#}, "
                + $"{WorsePainRise:0} or more points above where you started ({input.BaselinePain:0.#}). "
                + "Please book an appointment with a doctor or physiotherapist."));
        }
        if (week >= NotImprovingFromWeek)
        {
            if (pain is null && activity is null)
            {
                reasons.Add(new(NeedsEntries, Disposition.None,
                    $"There are no pain entries in the last {PainWindowDays} days and no activity scores in the last {ActivityWindowDays} days, "
                    + "so progress can't be compared with where you started. A quick check-in helps."));
            }
            else if (!PainImproved(pain, input.BaselinePain) && !ActivityImproved(activity, input.BaselineActivity))
            {
                var older = input.Age >= WarningSignScreen.OlderAge;
                reasons.Add(new(NotImproving, older ? Disposition.Urgent : Disposition.Routine,
                    $"In week {week} of your program there is no meaningful improvement yet in your pain ({MeaningfulPainPoints:0} points or 30 % less) "
                    + $"or in your everyday activities ({MeaningfulActivityPoints:0} points better). "
                    + (older
                        ? $"Because you are {WarningSignScreen.OlderAge} or over, please see a doctor within 24–48 hours."
                        : "Please book an appointment with a doctor or physiotherapist.")));
            }
        }
        var ordered = reasons.OrderByDescending(r => r.Disposition).ToList().AsReadOnly();
        return new WatchResult(DispositionScale.Highest(ordered.Select(r => r.Disposition)), ordered, week, pain, activity, window);
    }

    private static double? Mean(IReadOnlyList<DatedScore> entries, WatchInput input, int days)
    {
        var from = input.Today.AddDays(1 - days);
        var inWindow = entries
            .Where(e => e.Date >= from && e.Date <= input.Today && e.Date >= input.ProgramStart)
            .Select(e => e.Score)
            .ToList();
        return inWindow.Count == 0 ? null : inWindow.Average();
    }

    private static bool PainImproved(double? mean, double baseline)
    {
        if (mean is not { } now)
        {
            return false;
        }
        var fall = baseline - now;
        return fall >= MeaningfulPainPoints - Tolerance
            || (fall > Tolerance && fall >= MeaningfulPainFraction * baseline - Tolerance);
    }

    private static bool ActivityImproved(double? mean, double baseline) =>
        mean is { } now && now - baseline >= MeaningfulActivityPoints - Tolerance;
}
