using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Planning;

// The dose rules and the replay as they were before they stopped writing a reason for every decision (issue 11: the
// coach dashboard's allocations), kept word for word as the reference the property tests compare the rules with.
// Only the class names are changed. Not to be edited but to be deleted once the tests have served their purpose.
#pragma warning disable

internal static class DoseProgressionBefore
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
        ArgumentOutOfRangeException.ThrowIfNegative(input.RegressionsInLast7Days);
        Score.Check(input.BaselinePain, nameof(input.BaselinePain));
        foreach (var week in input.WeeklyMeanPains)
        {
            Score.Check(week, nameof(input.WeeklyMeanPains));
        }
        var sessions = input.Sessions.OrderBy(x => x.Date).ToList();
        sessions.ForEach(CheckScores);

        var regression = sessions.Count > 0 ? RegressionCause(sessions[^1], s) : null;
        var back = regression is null ? 0 : s.RegressSessions;
        var regressions = input.RegressionsInLast7Days + (regression is null ? 0 : 1);
        if (regressions >= s.ReviewRegressions)
        {
            return new(ReviewRepeatedRegressions, DoseStep.HoldAndSuggestReview, back, Disposition.Routine,
                $"The exercises had to be made easier {regressions} times in {s.ReviewRegressionWindowDays} days, so the dose won't go up for now. "
                + "Please book a review with a doctor or physiotherapist.");
        }
        var weeks = input.WeeklyMeanPains;
        if (weeks.Count >= s.ReviewWeeks && weeks.TakeLast(s.ReviewWeeks).All(w => w - input.BaselinePain >= s.ReviewWeeklyPainRise))
        {
            return new(ReviewWeeklyPainRising, DoseStep.HoldAndSuggestReview, back, Disposition.Routine,
                $"Your average pain has been {s.ReviewWeeklyPainRise:0.#} or more points above where you started for {s.ReviewWeeks} weeks in a row, "
                + "so the dose won't go up for now. Please book a review with a doctor or physiotherapist.");
        }
        if (regression is { } cause)
        {
            return new(cause.RuleId, DoseStep.Regress, back, Disposition.None,
                $"{cause.Why}, so the next {s.RegressSessions} sessions go back to the previous level.");
        }
        if (sessions.Count >= s.ProgressSessionsInARow && sessions.TakeLast(s.ProgressSessionsInARow).All(x => CountsTowardsProgress(x, s)))
        {
            return new(TwoEasySessions, DoseStep.Progress, 0, Disposition.None,
                $"The last {s.ProgressSessionsInARow} sessions felt manageable and your back was at or below its usual level the next morning, "
                + $"so the next session goes up a little (about 10–20 %): {s.HoldStepSeconds} seconds longer holds, one more repetition or set, or the harder version.");
        }
        if (sessions.Count > 0 && sessions[^1] is { NextMorning: not null } latest && !CountsTowardsProgress(latest, s))
        {
            return new(KeepSettled, DoseStep.Keep, 0, Disposition.None,
                $"The last session was hard work or brought some pain (worst {latest.WorstPain} out of 10), but it had settled by the next morning, so the dose stays the same.");
        }
        return new(KeepUntilEasySessions, DoseStep.Keep, 0, Disposition.None,
            $"The dose stays the same until {s.ProgressSessionsInARow} sessions in a row feel manageable and have settled by the next morning.");
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

    private sealed record Cause(string RuleId, string Why);

    private static Cause? RegressionCause(SessionFeedback session, ProgressionSettings s)
    {
        if (session.WorstPain > s.RegressWorstPainAbove)
        {
            return new(RegressWorstPain, $"Your worst pain was {session.WorstPain} out of 10, above {s.RegressWorstPainAbove}");
        }
        if (session.NextMorning is { } morning && morning.Pain - session.BaselinePain >= s.RegressNextMorningAboveBaseline)
        {
            return new(RegressNextMorningPain,
                $"The next morning your pain was {morning.Pain - session.BaselinePain} points above where it was before the session");
        }
        if (session.NextMorning is { MoreStiffThanUsual: true })
        {
            return new(RegressMorningStiffness, "The next morning you were stiffer than usual");
        }
        return null;
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

internal static class DoseAdaptationBefore
{
    /// <summary>Each exercise's current dose after the whole history up to <paramref name="today"/>, and any review still in force.</summary>
    /// <param name="input">The person's feedback, check-ins and onboarding answers.</param>
    /// <param name="catalogue">The exercise catalogue: feedback for exercises no longer in it is left out.</param>
    /// <param name="today">The day the doses are for: anything dated after it is left out.</param>
    /// <param name="settings">The dose rules' thresholds; <see cref="ProgressionSettings.Default"/> when null.</param>
    /// <param name="prescriptions">
    /// A coach's prescriptions by exercise id, in coaching mode: each such exercise moves along the ladder built from the
    /// coach's dose, at most <see cref="Prescription.MaxLevelsUp"/> rungs above it
    /// (<see cref="DoseLadder.For(Exercise, int?, ProgressionSettings?, Prescription?)"/>). A prescription that no longer
    /// fits its exercise (<see cref="Prescription.Problems"/>, say after the catalogue changed) is not used, and that
    /// exercise follows its catalogue ladder. Null or empty: every exercise follows its catalogue ladder.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A pain score outside 0–10, or a negative number of minutes or age.</exception>
    /// <exception cref="ArgumentException">Settings out of their allowed ranges.</exception>
    public static AdaptationResult Replay(AdaptationInput input, ExerciseCatalogue catalogue, DateOnly today, ProgressionSettings? settings = null,
        IReadOnlyDictionary<string, Prescription>? prescriptions = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalogue);
        var s = settings ?? ProgressionSettings.Default;
        var problems = s.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }
        Check(input);

        var mornings = Mornings(input.CheckIns, today);
        var weeks = new WeeklyMeans(mornings, input.ProgramStart, today);
        var entries = input.Feedback.Where(e => e.Date <= today && catalogue.Find(e.ExerciseId) is not null).ToArray();
        Array.Sort(entries, ReplayOrder);

        var exercises = new Dictionary<string, ExerciseState>(StringComparer.Ordinal);
        var regressions = new List<DateOnly>();
        var inWindowFrom = 0;
        var reviews = new Dictionary<string, (int Order, ProgressionDecision Decision)>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (!exercises.TryGetValue(entry.ExerciseId, out var state))
            {
                var exercise = catalogue.Find(entry.ExerciseId)!;
                var ladder = DoseLadder.For(exercise, input.Age, s, Fitting(prescriptions, exercise));
                state = new ExerciseState(entry.ExerciseId, ladder, s.ProgressSessionsInARow);
                exercises.Add(entry.ExerciseId, state);
            }

            var morning = mornings.GetValueOrDefault(entry.Date.AddDays(1));
            var next = morning is null ? null : new NextMorning(morning.Pain, MoreStiff(morning, input, s));
            state.Add(new SessionFeedback(entry.Date, entry.BaselinePain, entry.WorstPain, entry.Feedback, next));

            // Regressions on or before this day are out of the window; the list is in date order.
            var beforeWindow = entry.Date.AddDays(-s.ReviewRegressionWindowDays);
            while (inWindowFrom < regressions.Count && regressions[inWindowFrom] <= beforeWindow)
            {
                inWindowFrom++;
            }
            var decision = DoseProgressionBefore.Decide(
                new ProgressionInput(state.Recent, regressions.Count - inWindowFrom, weeks.EndedBy(entry.Date), input.BaselinePain), s);

            var regressed = state.Apply(decision, entry.Date);
            if (regressed)
            {
                regressions.Add(entry.Date);
            }
            if (decision.Step == DoseStep.HoldAndSuggestReview)
            {
                reviews[decision.RuleId] = (i, decision);
            }
        }

        var doses = exercises.Values
            .OrderBy(x => x.ExerciseId, StringComparer.Ordinal)
            .Select(x => x.Current())
            .ToArray();
        return new AdaptationResult(doses, ReviewInForce(reviews, regressions, weeks, input, today, s));
    }

    /// <summary>
    /// The mean check-in pain of each complete program week that ended on or before <paramref name="today"/>, oldest
    /// first, weeks without a check-in left out: exactly the weekly means the replay judges today's review by. A reader
    /// can so tell, without the replay, whether a review for rising weekly pain can be in force today.
    /// </summary>
    /// <param name="checkIns">Morning check-ins, in any order; two on the same day count as the more cautious reading.</param>
    /// <param name="programStart">Day 1 of the program.</param>
    /// <param name="today">The day the means are for: check-ins dated after it are left out.</param>
    public static IReadOnlyList<double> WeeklyMeanPains(IReadOnlyList<MorningCheckIn> checkIns, DateOnly programStart, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(checkIns);
        return new WeeklyMeans(Mornings(checkIns, today), programStart, today).EndedBy(today);
    }

    /// <summary>
    /// The latest review suggestion whose own condition still holds today, each condition judged by
    /// <see cref="DoseProgression.Decide"/> alone: regressions within the window before today, or the weekly means.
    /// </summary>
    private static ProgressionDecision? ReviewInForce(Dictionary<string, (int Order, ProgressionDecision Decision)> reviews,
        List<DateOnly> regressions, WeeklyMeans weeks, AdaptationInput input, DateOnly today, ProgressionSettings s)
    {
        if (reviews.Count == 0)
        {
            return null;
        }
        var beforeWindow = today.AddDays(-s.ReviewRegressionWindowDays);
        var recent = regressions.Count(d => d > beforeWindow);
        var stillTooMany = DoseProgressionBefore.Decide(new ProgressionInput([], recent, [], input.BaselinePain), s);
        var stillRising = DoseProgressionBefore.Decide(new ProgressionInput([], 0, weeks.EndedBy(today), input.BaselinePain), s);
        ProgressionDecision? latest = null;
        var latestOrder = -1;
        foreach (var holding in (ReadOnlySpan<ProgressionDecision>)[stillTooMany, stillRising])
        {
            if (holding.Step == DoseStep.HoldAndSuggestReview && reviews.TryGetValue(holding.RuleId, out var review) && review.Order > latestOrder)
            {
                (latest, latestOrder) = (review.Decision, review.Order);
            }
        }
        return latest;
    }

    /// <summary>The exercise's prescription when there is one and it fits the exercise; else null.</summary>
    private static Prescription? Fitting(IReadOnlyDictionary<string, Prescription>? prescriptions, Exercise exercise) =>
        prescriptions is not null && prescriptions.TryGetValue(exercise.Id, out var p) && p is not null && p.Problems(exercise).Count == 0
            ? p
            : null;

    private static bool MoreStiff(MorningCheckIn morning, AdaptationInput input, ProgressionSettings s) =>
        morning.MorningStiffnessMinutes is { } minutes && minutes > input.UsualMorningStiffnessMinutes + s.MoreStiffMarginMinutes;

    /// <summary>Date, time, exercise id, then the scores: a total order, so that the input's order never matters.</summary>
    private static int ReplayOrder(ExerciseFeedbackEntry a, ExerciseFeedbackEntry b)
    {
        var c = a.Date.CompareTo(b.Date);
        if (c == 0)
        {
            c = a.At.CompareTo(b.At);
        }
        if (c == 0)
        {
            c = string.CompareOrdinal(a.ExerciseId, b.ExerciseId);
        }
        if (c == 0)
        {
            c = a.BaselinePain.CompareTo(b.BaselinePain);
        }
        if (c == 0)
        {
            c = a.WorstPain.CompareTo(b.WorstPain);
        }
        return c != 0 ? c : a.Feedback.CompareTo(b.Feedback);
    }

    private static void Check(AdaptationInput input)
    {
        ArgumentNullException.ThrowIfNull(input.Feedback);
        ArgumentNullException.ThrowIfNull(input.CheckIns);
        Score.Check(input.BaselinePain, nameof(input.BaselinePain));
        ArgumentOutOfRangeException.ThrowIfNegative(input.UsualMorningStiffnessMinutes, nameof(input.UsualMorningStiffnessMinutes));
        if (input.Age is { } age)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(age, nameof(input.Age));
        }
        foreach (var entry in input.Feedback)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(input.Feedback));
            ArgumentNullException.ThrowIfNull(entry.ExerciseId, nameof(entry.ExerciseId));
            Score.Check(entry.BaselinePain, nameof(entry.BaselinePain));
            Score.Check(entry.WorstPain, nameof(entry.WorstPain));
            if (!Enum.IsDefined(entry.Feedback))
            {
                throw new ArgumentOutOfRangeException(nameof(input), entry.Feedback, "Feedback must be too easy, about right, too hard or it hurt.");
            }
        }
        foreach (var checkIn in input.CheckIns)
        {
            ArgumentNullException.ThrowIfNull(checkIn, nameof(input.CheckIns));
            Score.Check(checkIn.Pain, nameof(checkIn.Pain));
            if (checkIn.MorningStiffnessMinutes is { } minutes)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(minutes, nameof(checkIn.MorningStiffnessMinutes));
            }
        }
    }

    /// <summary>One check-in per day up to today; two on the same day count as the more cautious reading of both.</summary>
    private static Dictionary<DateOnly, MorningCheckIn> Mornings(IReadOnlyList<MorningCheckIn> checkIns, DateOnly today)
    {
        var byDate = new Dictionary<DateOnly, MorningCheckIn>(checkIns.Count);
        foreach (var checkIn in checkIns)
        {
            if (checkIn.Date > today)
            {
                continue;
            }
            byDate[checkIn.Date] = byDate.TryGetValue(checkIn.Date, out var other)
                ? new MorningCheckIn(checkIn.Date, Math.Max(checkIn.Pain, other.Pain),
                    checkIn.MorningStiffnessMinutes is { } a && other.MorningStiffnessMinutes is { } b ? Math.Max(a, b)
                        : checkIn.MorningStiffnessMinutes ?? other.MorningStiffnessMinutes)
                : checkIn;
        }
        return byDate;
    }

    /// <summary>The mean check-in pain of each complete program week up to today, computed once.</summary>
    private sealed class WeeklyMeans
    {
        private const int DaysPerWeek = 7;
        private readonly DateOnly _start;
        private readonly double[] _means;

        // _upTo[n]: how many of the first n weeks have a mean (weeks without a check-in are left out).
        private readonly int[] _upTo;

        public WeeklyMeans(Dictionary<DateOnly, MorningCheckIn> mornings, DateOnly start, DateOnly today)
        {
            _start = start;
            var complete = Complete(today);
            var sums = new int[complete];
            var counts = new int[complete];
            foreach (var (date, checkIn) in mornings)
            {
                var day = date.DayNumber - start.DayNumber;
                if (day >= 0 && day / DaysPerWeek < complete)
                {
                    sums[day / DaysPerWeek] += checkIn.Pain;
                    counts[day / DaysPerWeek]++;
                }
            }
            var means = new List<double>(complete);
            _upTo = new int[complete + 1];
            for (var w = 0; w < complete; w++)
            {
                if (counts[w] > 0)
                {
                    means.Add((double)sums[w] / counts[w]);
                }
                _upTo[w + 1] = means.Count;
            }
            _means = [.. means];
        }

        /// <summary>The means of the weeks that ended on or before this date, oldest first.</summary>
        public ArraySegment<double> EndedBy(DateOnly date) =>
            new ArraySegment<double>(_means, 0, _upTo[Math.Min(Complete(date), _upTo.Length - 1)]);

        private int Complete(DateOnly date) => date < _start ? 0 : (date.DayNumber - _start.DayNumber + 1) / DaysPerWeek;
    }

    /// <summary>One exercise's place on its ladder while the history is replayed.</summary>
    private sealed class ExerciseState(string exerciseId, DoseLadderRungs ladder, int window)
    {
        // Decide reads only the latest session and the last ProgressSessionsInARow, so only those are kept:
        // a year at the top rung stays as fast as a week.
        private readonly List<SessionFeedback> _recent = [];
        private int _level;
        private int _sessionsAtLevel;
        private int _sessionsLeft;
        private DateOnly? _changedOn;
        private DoseStep _lastStep = DoseStep.Keep;
        private string _ruleId = DoseProgression.KeepUntilEasySessions;
        private string _reason = "";

        public string ExerciseId { get; } = exerciseId;

        public IReadOnlyList<SessionFeedback> Recent => _recent;

        /// <summary>A session done at the current level.</summary>
        public void Add(SessionFeedback session)
        {
            if (_sessionsLeft > 0)
            {
                _sessionsLeft--;
            }
            _sessionsAtLevel++;
            _recent.Add(session);
            if (_recent.Count > window)
            {
                _recent.RemoveAt(0);
            }
        }

        /// <summary>Applies the decision to the level; true when it was a regression (counted towards a review).</summary>
        public bool Apply(ProgressionDecision decision, DateOnly date)
        {
            var from = _level;
            var regressed = false;
            string? note = null;
            _ruleId = decision.RuleId;
            _lastStep = decision.Step;
            switch (decision.Step)
            {
                case DoseStep.Progress:
                    if (_sessionsLeft > 0)
                    {
                        _lastStep = DoseStep.Keep;
                        note = $"First, though, {Sessions(_sessionsLeft)} more at this level after the recent step back.";
                    }
                    else if (ladder.IsTop(_level))
                    {
                        _lastStep = DoseStep.Keep;
                        note = ladder.Prescribed
                            ? "This is already the most your coach set for this exercise, so the dose stays the same; your coach can raise it."
                            : "This is already the most of this exercise, so the dose stays the same; the harder version comes in the later weeks of the program.";
                    }
                    else
                    {
                        _level++;
                    }
                    break;
                case DoseStep.Keep:
                    break;
                case DoseStep.Regress:
                    regressed = true;
                    note = StepBack(decision);
                    break;
                case DoseStep.HoldAndSuggestReview:
                    if (decision.SessionsAtPreviousLevel > 0)
                    {
                        regressed = true;
                        note = StepBack(decision);
                    }
                    break;
            }

            if (_level != from)
            {
                _changedOn = date;
                _sessionsAtLevel = 0;
                _recent.Clear();
                note = Change(ladder.At(from), ladder.At(_level));
            }
            _reason = note is null ? decision.Reason : $"{decision.Reason} {note}";
            return regressed;
        }

        public CurrentDose Current() =>
            new(ExerciseId, _level, ladder.At(_level), _changedOn, _lastStep, _ruleId, _reason, ladder.IsTop(_level), _sessionsAtLevel, _sessionsLeft);

        private string? StepBack(ProgressionDecision decision)
        {
            _sessionsLeft = decision.SessionsAtPreviousLevel;
            if (_level > ladder.MinLevel)
            {
                _level--;
                return null;
            }
            if (decision.Step == DoseStep.Regress)
            {
                _lastStep = DoseStep.Keep;
            }
            return "This is already the easiest dose of this exercise, so it stays the same; if it still feels like too much, try the easier version or leave it out.";
        }

        private static string Sessions(int n) => n == 1 ? "1 session" : $"{n} sessions";
    }

    /// <summary>The one variable that differs between two neighbouring rungs, in plain words, then the whole new dose.</summary>
    private static string Change(Dose before, Dose after)
    {
        static string Seconds(int n) => n == 1 ? "1 second" : $"{n} seconds";
        static string Way(int? from, int? to) => to > from ? "up" : "down";
        static string Count(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";

        var change = after.HoldSeconds != before.HoldSeconds
                ? $"Hold {Seconds(after.HoldSeconds ?? 0)}, {Way(before.HoldSeconds, after.HoldSeconds)} from {Seconds(before.HoldSeconds ?? 0)}."
            : after.Reps != before.Reps
                ? $"{Count(after.Reps ?? 1, "repetition")}, {Way(before.Reps, after.Reps)} from {before.Reps ?? 1}."
            : after.Sets != before.Sets
                ? $"{Count(after.Sets ?? 1, "set")}, {Way(before.Sets ?? 1, after.Sets ?? 1)} from {before.Sets ?? 1}."
            : after.DurationSeconds != before.DurationSeconds
                ? $"Keep going for {Seconds(after.DurationSeconds ?? 0)}, {Way(before.DurationSeconds, after.DurationSeconds)} from {Seconds(before.DurationSeconds ?? 0)}."
            : "";
        return $"{change} Now: {after.Describe()}.".TrimStart();
    }
}

/// <summary>The 0–10 scale's check, as the rules' own (internal) one.</summary>
file static class Score
{
    public static void Check(int score, string name)
    {
        if (score is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(name, score, $"{name} must be on the 0–10 scale.");
        }
    }

    public static void Check(double score, string name)
    {
        if (double.IsNaN(score) || score < 0 || score > 10)
        {
            throw new ArgumentOutOfRangeException(name, score, $"{name} must be on the 0–10 scale.");
        }
    }
}
