using System.Collections.ObjectModel;

namespace Limber.Domain.Safety;

/// <summary>How an exercise felt, as the person says after it (safety.md section 5).</summary>
public enum ExerciseFeedback
{
    TooEasy,
    AboutRight,
    TooHard,
    Hurt,
}

/// <summary>The next-morning check-in after a session.</summary>
/// <param name="Pain">Pain on waking, 0–10, compared with the session's baseline.</param>
/// <param name="MoreStiffThanUsual">Morning stiffness was more than usual.</param>
public sealed record NextMorning(int Pain, bool MoreStiffThanUsual);

/// <summary>Feedback on one exercise in one session.</summary>
/// <param name="Date">The session's date.</param>
/// <param name="BaselinePain">Pain just before the session, 0–10: the session's baseline.</param>
/// <param name="WorstPain">Worst pain during the exercise, 0–10.</param>
/// <param name="Feedback">Too easy, about right, too hard or it hurt.</param>
/// <param name="NextMorning">The next-morning check-in; null until it is made.</param>
public sealed record SessionFeedback(DateOnly Date, int BaselinePain, int WorstPain, ExerciseFeedback Feedback, NextMorning? NextMorning);

/// <summary>Everything the progression rules look at for one exercise.</summary>
/// <param name="Sessions">This exercise's sessions at its current level (since its dose last changed), in any order.</param>
/// <param name="RegressionsInLast7Days">Regressions already made (any exercise) in the 7 days before the latest session, not counting one this decision makes.</param>
/// <param name="WeeklyMeanPains">Mean daily pain of each complete week of the program, oldest first.</param>
/// <param name="BaselinePain">The person's baseline pain when the program started, 0–10, which weekly means are compared with.</param>
public sealed record ProgressionInput(
    IReadOnlyList<SessionFeedback> Sessions,
    int RegressionsInLast7Days,
    IReadOnlyList<double> WeeklyMeanPains,
    double BaselinePain);

/// <summary>The next dose. A closed set: every switch over it is complete.</summary>
public enum DoseStep
{
    /// <summary>Progress one variable by about 10–20 %: a longer hold, one more rep or set, or the harder variant.</summary>
    Progress,

    /// <summary>Keep the dose.</summary>
    Keep,

    /// <summary>Go back to the previous level for <see cref="ProgressionDecision.SessionsAtPreviousLevel"/> sessions.</summary>
    Regress,

    /// <summary>Do not progress; suggest a routine review with a doctor or physiotherapist.</summary>
    HoldAndSuggestReview,
}

/// <summary>
/// The progression decision for one exercise, with the rule that made it and the reason in plain words.
/// <see cref="SessionsAtPreviousLevel"/> is 2 (by default) for <see cref="DoseStep.Regress"/>, and also for
/// <see cref="DoseStep.HoldAndSuggestReview"/> when the latest session itself called for a regression; otherwise 0.
/// </summary>
public sealed record ProgressionDecision(string RuleId, DoseStep Step, int SessionsAtPreviousLevel, Disposition Disposition, string Reason);

/// <summary>
/// Thresholds of the dose rules (safety.md section 5). These are pragmatic defaults, not validated:
/// a deployment or a coach may change them, within limits that keep them no looser than the stop rules.
/// </summary>
public sealed record ProgressionSettings
{
    public static ProgressionSettings Default { get; } = new();

    /// <summary>A session counts towards progress when worst pain is at most this…</summary>
    public int ProgressWorstPainAtMost { get; init; } = 3;

    /// <summary>…or at most this many points above the session's baseline.</summary>
    public int ProgressAboveBaselineAtMost { get; init; } = 2;

    /// <summary>Sessions in a row that must count towards progress.</summary>
    public int ProgressSessionsInARow { get; init; } = 2;

    /// <summary>Worst pain above this regresses (and at most this, settled by next morning, keeps the dose).</summary>
    public int RegressWorstPainAbove { get; init; } = 5;

    /// <summary>Next-morning pain this many points or more above the session's baseline regresses.</summary>
    public int RegressNextMorningAboveBaseline { get; init; } = 2;

    /// <summary>Sessions spent back at the previous level after a regression.</summary>
    public int RegressSessions { get; init; } = 2;

    /// <summary>This many regressions within <see cref="ReviewRegressionWindowDays"/> days hold progression and suggest a review.</summary>
    public int ReviewRegressions { get; init; } = 2;

    public int ReviewRegressionWindowDays { get; init; } = 7;

    /// <summary>Weekly mean pain this many points or more above baseline…</summary>
    public double ReviewWeeklyPainRise { get; init; } = 2;

    /// <summary>…for this many weeks in a row holds progression and suggests a review.</summary>
    public int ReviewWeeks { get; init; } = 2;

    /// <summary>Seconds added to a stretch hold when it progresses (safety.md: +5–10 s).</summary>
    public int HoldStepSeconds { get; init; } = 5;

    /// <summary>
    /// Age from which the older-adult stretch holds apply. ACSM's older-adult guidance uses 65; evidence.md does
    /// not record the age, so it is UNCONFIRMED here and kept as a setting.
    /// </summary>
    public int OlderAdultAge { get; init; } = 65;

    /// <summary>
    /// Next-morning stiffness counts as more than usual only when it lasts more than this many minutes beyond the
    /// person's usual morning stiffness (0, the default: any minute more). Pragmatic: safety.md says "more morning
    /// stiffness" without a margin; a deployment or a coach may allow for day-to-day variation, up to an hour.
    /// </summary>
    public int MoreStiffMarginMinutes { get; init; }

    /// <summary>Every setting that is out of its allowed range, in plain words; empty when all are usable.</summary>
    /// <remarks>
    /// Asked on every decision: nothing is allocated when every setting is usable (the list is made at the first
    /// problem, and no message is written unless it is one).
    /// </remarks>
    public IReadOnlyList<string> Problems()
    {
        List<string>? problems = null;
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                (problems ??= []).Add(problem);
            }
        }
        Require(RegressWorstPainAbove is >= 0 and <= StopRules.StopSetAbovePain, RegressWorstPainAboveProblem);
        Require(ProgressWorstPainAtMost >= 0 && ProgressWorstPainAtMost <= RegressWorstPainAbove,
            "ProgressWorstPainAtMost must be 0 or more and at most RegressWorstPainAbove.");
        Require(ProgressAboveBaselineAtMost is >= 0 and <= Score.Highest, "ProgressAboveBaselineAtMost must be 0–10.");
        Require(ProgressSessionsInARow >= 1, "ProgressSessionsInARow must be 1 or more.");
        Require(RegressNextMorningAboveBaseline is >= 1 and <= Score.Highest, "RegressNextMorningAboveBaseline must be 1–10.");
        Require(RegressSessions >= 1, "RegressSessions must be 1 or more.");
        Require(ReviewRegressions >= 1, "ReviewRegressions must be 1 or more.");
        Require(ReviewRegressionWindowDays >= 1, "ReviewRegressionWindowDays must be 1 or more.");
        Require(ReviewWeeklyPainRise is > 0 and <= Score.Highest, "ReviewWeeklyPainRise must be above 0 and at most 10.");
        Require(ReviewWeeks >= 1, "ReviewWeeks must be 1 or more.");
        Require(HoldStepSeconds is >= 5 and <= 10, "HoldStepSeconds must be 5–10 seconds.");
        Require(OlderAdultAge is >= WarningSignScreen.MinimumAge and <= WarningSignScreen.MaximumAge, "OlderAdultAge must be 16–110.");
        Require(MoreStiffMarginMinutes is >= 0 and <= 60, "MoreStiffMarginMinutes must be 0–60 minutes.");
        return problems is null ? ReadOnlyCollection<string>.Empty : problems.AsReadOnly();
    }

    private static readonly string RegressWorstPainAboveProblem =
        $"RegressWorstPainAbove must be 0–{StopRules.StopSetAbovePain}: no looser than the stop rule for pain during an exercise.";
}

/// <summary>ACSM stretching guidance (Garber 2011), quoted in safety.md section 5.</summary>
public static class StretchHold
{
    public const int MinimumSeconds = 10, MaximumSeconds = 30;
    public const int OlderAdultMinimumSeconds = 30, OlderAdultMaximumSeconds = 60;
    public const int MinimumRepetitions = 2, MaximumRepetitions = 4;

    /// <summary>Strength work 2–3 days a week (ACSM 2011).</summary>
    public const int StrengthDaysPerWeekMinimum = 2, StrengthDaysPerWeekMaximum = 3;

    /// <summary>The recommended hold range for a person of this age.</summary>
    public static (int Minimum, int Maximum) SecondsFor(int age, ProgressionSettings? settings = null) =>
        age >= (settings ?? ProgressionSettings.Default).OlderAdultAge
            ? (OlderAdultMinimumSeconds, OlderAdultMaximumSeconds)
            : (MinimumSeconds, MaximumSeconds);
}

/// <summary>
/// Dose progression (safety.md section 5, pragmatic): progress slowly after easy sessions that settle,
/// keep the dose after moderate pain that settles, step back after too much pain or stiffness,
/// and hold with a routine review when regressions repeat or weekly pain stays up.
/// </summary>
public static class DoseProgression
{
    public const string TwoEasySessions = "progress.two_easy_sessions";
    public const string KeepSettled = "progress.keep_settled";
    public const string KeepUntilEasySessions = "progress.keep_until_easy_sessions";
    public const string RegressWorstPain = "progress.regress_worst_pain";
    public const string RegressNextMorningPain = "progress.regress_next_morning_pain";
    public const string RegressMorningStiffness = "progress.regress_morning_stiffness";
    public const string ReviewRepeatedRegressions = "progress.review_repeated_regressions";
    public const string ReviewWeeklyPainRising = "progress.review_weekly_pain_rising";
    public const string StretchHoldLimits = "progress.stretch_hold_limits";

    public static IReadOnlyList<string> RuleIds { get; } =
    [
        TwoEasySessions, KeepSettled, KeepUntilEasySessions, RegressWorstPain, RegressNextMorningPain,
        RegressMorningStiffness, ReviewRepeatedRegressions, ReviewWeeklyPainRising, StretchHoldLimits,
    ];

    public static ProgressionDecision Decide(ProgressionInput input, ProgressionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = Checked(settings);
        return Judge(input, s).Decision(s);
    }

    /// <summary>
    /// What <see cref="Decide"/> decides, without writing its reason: the replay asks this for every entry of a history
    /// and writes the reasons of the few decisions it keeps (<see cref="Verdict.Decision"/>). The settings are the
    /// caller's to check.
    /// </summary>
    internal static Verdict Judge(ProgressionInput input, ProgressionSettings s)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input.RegressionsInLast7Days);
        Score.Check(input.BaselinePain, nameof(input.BaselinePain));
        var weeks = input.WeeklyMeanPains;
        for (var i = 0; i < weeks.Count; i++)
        {
            Score.Check(weeks[i], nameof(input.WeeklyMeanPains));
        }
        var sessions = InDateOrder(input.Sessions);
        for (var i = 0; i < sessions.Count; i++)
        {
            CheckScores(sessions[i]);
        }

        var regression = sessions.Count > 0 ? RegressionCause(sessions[^1], s) : null;
        var back = regression is null ? 0 : s.RegressSessions;
        var regressions = input.RegressionsInLast7Days + (regression is null ? 0 : 1);
        if (regressions >= s.ReviewRegressions)
        {
            return new(ReviewRepeatedRegressions, DoseStep.HoldAndSuggestReview, back, Disposition.Routine, regressions);
        }
        if (weeks.Count >= s.ReviewWeeks && LastWeeksRising(weeks, input.BaselinePain, s))
        {
            return new(ReviewWeeklyPainRising, DoseStep.HoldAndSuggestReview, back, Disposition.Routine, 0);
        }
        if (regression is { } cause)
        {
            return new(cause.RuleId, DoseStep.Regress, back, Disposition.None, cause.Figure);
        }
        if (sessions.Count >= s.ProgressSessionsInARow && LastSessionsEasy(sessions, s))
        {
            return new(TwoEasySessions, DoseStep.Progress, 0, Disposition.None, 0);
        }
        if (sessions.Count > 0 && sessions[^1] is { NextMorning: not null } latest && !CountsTowardsProgress(latest, s))
        {
            return new(KeepSettled, DoseStep.Keep, 0, Disposition.None, latest.WorstPain);
        }
        return new(KeepUntilEasySessions, DoseStep.Keep, 0, Disposition.None, 0);
    }

    /// <summary>
    /// A decision without its reason, and the one figure the reason quotes (<see cref="Figure"/>): the regressions for
    /// <see cref="ReviewRepeatedRegressions"/>, the worst pain for <see cref="RegressWorstPain"/> and
    /// <see cref="KeepSettled"/>, the rise of next-morning pain for <see cref="RegressNextMorningPain"/>; else 0.
    /// </summary>
    internal readonly record struct Verdict(string RuleId, DoseStep Step, int SessionsAtPreviousLevel, Disposition Disposition, int Figure)
    {
        /// <summary>The decision with its reason in plain words, as <see cref="Decide"/> gives it.</summary>
        public ProgressionDecision Decision(ProgressionSettings s) => new(RuleId, Step, SessionsAtPreviousLevel, Disposition, RuleId switch
        {
            ReviewRepeatedRegressions =>
                $"The exercises had to be made easier {Figure} times in {s.ReviewRegressionWindowDays} days, so the dose won't go up for now. "
                + "Please book a review with a doctor or physiotherapist.",
            ReviewWeeklyPainRising =>
                $"Your average pain has been {s.ReviewWeeklyPainRise:0.#} or more points above where you started for {s.ReviewWeeks} weeks in a row, "
                + "so the dose won't go up for now. Please book a review with a doctor or physiotherapist.",
            RegressWorstPain =>
                $"Your worst pain was {Figure} out of 10, above {s.RegressWorstPainAbove}, so the next {s.RegressSessions} sessions go back to the previous level.",
            RegressNextMorningPain =>
                $"The next morning your pain was {Figure} points above where it was before the session, so the next {s.RegressSessions} sessions go back to the previous level.",
            RegressMorningStiffness =>
                $"The next morning you were stiffer than usual, so the next {s.RegressSessions} sessions go back to the previous level.",
            TwoEasySessions =>
                $"The last {s.ProgressSessionsInARow} sessions felt manageable and your back was at or below its usual level the next morning, "
                + $"so the next session goes up a little (about 10–20 %): {s.HoldStepSeconds} seconds longer holds, one more repetition or set, or the harder version.",
            KeepSettled =>
                $"The last session was hard work or brought some pain (worst {Figure} out of 10), but it had settled by the next morning, so the dose stays the same.",
            _ => $"The dose stays the same until {s.ProgressSessionsInARow} sessions in a row feel manageable and have settled by the next morning.",
        });
    }

    /// <summary>
    /// The next stretch hold after a progression: <see cref="ProgressionSettings.HoldStepSeconds"/> longer, within the
    /// ACSM range for the person's age; at the top of the range it stays, and reps or the harder variant progress instead.
    /// </summary>
    public static int NextHoldSeconds(int currentSeconds, int age, ProgressionSettings? settings = null)
    {
        var s = Checked(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(currentSeconds);
        var (minimum, maximum) = StretchHold.SecondsFor(age, s);
        return currentSeconds < minimum ? minimum : Math.Max(currentSeconds, Math.Min(currentSeconds + s.HoldStepSeconds, maximum));
    }

    /// <summary>The rule that calls for a regression, and the figure its reason quotes.</summary>
    private readonly record struct Cause(string RuleId, int Figure);

    private static Cause? RegressionCause(SessionFeedback session, ProgressionSettings s)
    {
        if (session.WorstPain > s.RegressWorstPainAbove)
        {
            return new(RegressWorstPain, session.WorstPain);
        }
        if (session.NextMorning is { } morning && morning.Pain - session.BaselinePain >= s.RegressNextMorningAboveBaseline)
        {
            return new(RegressNextMorningPain, morning.Pain - session.BaselinePain);
        }
        if (session.NextMorning is { MoreStiffThanUsual: true })
        {
            return new(RegressMorningStiffness, 0);
        }
        return null;
    }

    /// <summary>The sessions oldest first: as given when they already are (the replay's are), else sorted, equal dates kept in their order.</summary>
    private static IReadOnlyList<SessionFeedback> InDateOrder(IReadOnlyList<SessionFeedback> sessions)
    {
        for (var i = 1; i < sessions.Count; i++)
        {
            if (sessions[i].Date < sessions[i - 1].Date)
            {
                return [.. sessions.OrderBy(x => x.Date)];
            }
        }
        return sessions;
    }

    /// <summary>The last <see cref="ProgressionSettings.ReviewWeeks"/> weekly means are all high enough above the baseline; there are that many.</summary>
    private static bool LastWeeksRising(IReadOnlyList<double> weeks, double baselinePain, ProgressionSettings s)
    {
        for (var i = weeks.Count - s.ReviewWeeks; i < weeks.Count; i++)
        {
            if (!(weeks[i] - baselinePain >= s.ReviewWeeklyPainRise))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The last <see cref="ProgressionSettings.ProgressSessionsInARow"/> sessions all count towards progress; there are that many.</summary>
    private static bool LastSessionsEasy(IReadOnlyList<SessionFeedback> sessions, ProgressionSettings s)
    {
        for (var i = sessions.Count - s.ProgressSessionsInARow; i < sessions.Count; i++)
        {
            if (!CountsTowardsProgress(sessions[i], s))
            {
                return false;
            }
        }
        return true;
    }

    private static bool CountsTowardsProgress(SessionFeedback session, ProgressionSettings s) =>
        RegressionCause(session, s) is null
        && (session.WorstPain <= s.ProgressWorstPainAtMost || session.WorstPain - session.BaselinePain <= s.ProgressAboveBaselineAtMost)
        && session.NextMorning is { } morning && morning.Pain <= session.BaselinePain
        && session.Feedback switch
        {
            ExerciseFeedback.TooEasy or ExerciseFeedback.AboutRight => true,
            ExerciseFeedback.TooHard or ExerciseFeedback.Hurt => false,
        };

    private static void CheckScores(SessionFeedback session)
    {
        Score.Check(session.BaselinePain, nameof(session.BaselinePain));
        Score.Check(session.WorstPain, nameof(session.WorstPain));
        if (session.NextMorning is { } morning)
        {
            Score.Check(morning.Pain, nameof(morning.Pain));
        }
    }

    private static ProgressionSettings Checked(ProgressionSettings? settings)
    {
        var s = settings ?? ProgressionSettings.Default;
        var problems = s.Problems();
        return problems.Count == 0 ? s : throw new ArgumentException(string.Join(" ", problems), nameof(settings));
    }
}
