using Limber.Domain.Catalogue;
using Limber.Domain.Safety;

namespace Limber.Domain.Planning;

/// <summary>How one exercise felt in one session, as stored.</summary>
/// <param name="ExerciseId">The catalogue id.</param>
/// <param name="Date">The session's date, in the person's time zone.</param>
/// <param name="At">When the feedback was given: orders two sessions on the same day.</param>
/// <param name="BaselinePain">Pain just before the session, 0–10.</param>
/// <param name="WorstPain">Worst pain during the exercise, 0–10.</param>
/// <param name="Feedback">Too easy, about right, too hard or it hurt.</param>
public sealed record ExerciseFeedbackEntry(string ExerciseId, DateOnly Date, DateTimeOffset At, int BaselinePain, int WorstPain, ExerciseFeedback Feedback);

/// <summary>A morning check-in: pain on waking, and how long the back stayed stiff if the person said.</summary>
public sealed record MorningCheckIn(DateOnly Date, int Pain, int? MorningStiffnessMinutes);

/// <summary>Everything the replay reads: a person's whole history and what they said at onboarding.</summary>
/// <param name="Feedback">Every exercise feedback entry, in any order.</param>
/// <param name="CheckIns">Every morning check-in, in any order.</param>
/// <param name="ProgramStart">Day 1 of the program: weeks for the weekly means are counted from it.</param>
/// <param name="BaselinePain">The person's baseline pain when the program started, 0–10.</param>
/// <param name="UsualMorningStiffnessMinutes">How long the back is usually stiff in the morning.</param>
/// <param name="Age">The person's age, for stretch holds; null counts as under <see cref="ProgressionSettings.OlderAdultAge"/>.</param>
public sealed record AdaptationInput(
    IReadOnlyList<ExerciseFeedbackEntry> Feedback,
    IReadOnlyList<MorningCheckIn> CheckIns,
    DateOnly ProgramStart,
    int BaselinePain,
    int UsualMorningStiffnessMinutes,
    int? Age);

/// <summary>Where one exercise's dose stands after the replay.</summary>
/// <param name="ExerciseId">The catalogue id.</param>
/// <param name="Level">The rung on the exercise's <see cref="DoseLadder"/>: 0 the default, below 0 easier, above 0 harder.</param>
/// <param name="Dose">The dose at that rung.</param>
/// <param name="ChangedOn">The date of the session whose feedback last changed the level; null when it never has.</param>
/// <param name="LastStep">
/// What the latest decision did to the dose: <see cref="DoseStep.Progress"/> only when the level went up;
/// <see cref="DoseStep.Regress"/> when it went down; <see cref="DoseStep.HoldAndSuggestReview"/> when a review was
/// suggested (the level may have gone down with it); <see cref="DoseStep.Keep"/> otherwise, including a progress at the
/// top rung or during the sessions back at the previous level, and a step back at the bottom rung.
/// </param>
/// <param name="RuleId">The rule of the latest decision (<see cref="DoseProgression.RuleIds"/>).</param>
/// <param name="Reason">The latest decision's reason in plain words, with the change to the dose when there was one.</param>
/// <param name="AtTop">The level is the exercise's hardest rung.</param>
/// <param name="SessionsAtLevel">Sessions done at this level since it last changed.</param>
/// <param name="SessionsLeftAtPreviousLevel">Sessions still to be done at this level after a step back before it may go up again.</param>
public sealed record CurrentDose(
    string ExerciseId, int Level, Dose Dose, DateOnly? ChangedOn, DoseStep LastStep, string RuleId, string Reason, bool AtTop,
    int SessionsAtLevel, int SessionsLeftAtPreviousLevel);

/// <summary>The replay's answer: each exercise's current dose, and a review suggestion still in force, if any.</summary>
/// <param name="Doses">One per exercise with feedback, ordered by exercise id (ordinal).</param>
/// <param name="Review">The latest decision that suggested a review, while its condition still holds today; else null.</param>
public sealed record AdaptationResult(IReadOnlyList<CurrentDose> Doses, ProgressionDecision? Review)
{
    /// <summary>The current doses by exercise id, for <see cref="RoutinePlanner"/> and <see cref="ProgramPlanner"/>'s currentDoses.</summary>
    public IReadOnlyDictionary<string, Dose> PlannerDoses => Doses.ToDictionary(d => d.ExerciseId, d => d.Dose, StringComparer.Ordinal);
}

/// <summary>
/// Adapts exercise doses to how sessions felt (safety.md section 5, pragmatic): replays a person's whole history,
/// entry by entry, through <see cref="DoseProgression.Decide"/> and moves each exercise along its
/// <see cref="DoseLadder"/>. Pure and deterministic: the same history gives the same doses whatever order its lists
/// are in.
/// </summary>
/// <remarks>
/// <para>
/// Entries are read in order of date, time, exercise id (then their scores, so that the order is total). Entries for
/// exercises no longer in the catalogue, and entries dated after today, are left out. Each entry's next morning is the
/// check-in dated the day after; it counts as stiffer than usual when its stiffness is more than
/// <see cref="ProgressionSettings.MoreStiffMarginMinutes"/> above the usual. Two check-ins on the same day count as
/// one with the higher pain and the longer stiffness (the more cautious reading).
/// </para>
/// <para>
/// A regression counts towards a review for <see cref="ProgressionSettings.ReviewRegressionWindowDays"/> days: its own
/// day and the days after, so with 7 a regression on a Monday counts up to and including the Sunday (the same
/// window as the "last 7 days, today included" of the not-improving watch). Regressions earlier on the same day, of any
/// exercise, count. Weekly means are of the complete program weeks (days 1–7, 8–14, …) that ended on or before the
/// entry's date; weeks without a check-in are left out.
/// </para>
/// <para>
/// A progress moves one rung up, except at the top rung (the harder variant comes in the later weeks instead; in coaching
/// mode the top rung is the coach's limit, which only the coach can raise) and
/// while sessions are still owed at the previous level after a step back. A regression, or a review whose latest
/// session called for one, moves one rung down (not below the bottom rung) and owes
/// <see cref="ProgressionDecision.SessionsAtPreviousLevel"/> sessions there, the next session being the first.
/// </para>
/// </remarks>
public static class DoseAdaptation
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
        var (exercises, review) = Run(input, catalogue, today, settings, prescriptions);
        var doses = exercises.Values
            .OrderBy(x => x.ExerciseId, StringComparer.Ordinal)
            .Select(x => x.Current())
            .ToArray();
        return new AdaptationResult(doses, review?.Decision(settings ?? ProgressionSettings.Default));
    }

    /// <summary>
    /// The review suggestion of <see cref="Replay"/> alone (its <see cref="AdaptationResult.Review"/>), for a reader that
    /// shows no doses (the coach dashboard): the same replay, without writing out each exercise's dose and reason.
    /// </summary>
    public static ProgressionDecision? ReviewInForce(AdaptationInput input, ExerciseCatalogue catalogue, DateOnly today, ProgressionSettings? settings = null,
        IReadOnlyDictionary<string, Prescription>? prescriptions = null) =>
        Run(input, catalogue, today, settings, prescriptions).Review?.Decision(settings ?? ProgressionSettings.Default);

    /// <summary>The replay itself: each exercise's state after the whole history, and the review still in force, if any.</summary>
    private static (Dictionary<string, ExerciseState> Exercises, DoseProgression.Verdict? Review) Run(
        AdaptationInput input, ExerciseCatalogue catalogue, DateOnly today, ProgressionSettings? settings,
        IReadOnlyDictionary<string, Prescription>? prescriptions)
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
        var reviews = new Dictionary<string, (int Order, DoseProgression.Verdict Decision)>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (!exercises.TryGetValue(entry.ExerciseId, out var state))
            {
                var exercise = catalogue.Find(entry.ExerciseId)!;
                var ladder = DoseLadder.For(exercise, input.Age, s, Fitting(prescriptions, exercise));
                state = new ExerciseState(entry.ExerciseId, ladder, s);
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
            // Judged without its reason: only the latest decision of each exercise, and a review kept, are written out.
            var decision = DoseProgression.Judge(
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

        return (exercises, InForce(reviews, regressions, weeks, input, today, s));
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
    private static DoseProgression.Verdict? InForce(Dictionary<string, (int Order, DoseProgression.Verdict Decision)> reviews,
        List<DateOnly> regressions, WeeklyMeans weeks, AdaptationInput input, DateOnly today, ProgressionSettings s)
    {
        if (reviews.Count == 0)
        {
            return null;
        }
        var beforeWindow = today.AddDays(-s.ReviewRegressionWindowDays);
        var recent = regressions.Count(d => d > beforeWindow);
        var stillTooMany = DoseProgression.Judge(new ProgressionInput([], recent, [], input.BaselinePain), s);
        var stillRising = DoseProgression.Judge(new ProgressionInput([], 0, weeks.EndedBy(today), input.BaselinePain), s);
        DoseProgression.Verdict? latest = null;
        var latestOrder = -1;
        foreach (var holding in (ReadOnlySpan<DoseProgression.Verdict>)[stillTooMany, stillRising])
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
    private sealed class ExerciseState(string exerciseId, DoseLadderRungs ladder, ProgressionSettings settings)
    {
        private readonly int _window = settings.ProgressSessionsInARow;

        // Decide reads only the latest session and the last ProgressSessionsInARow, so only those are kept:
        // a year at the top rung stays as fast as a week.
        private readonly List<SessionFeedback> _recent = [];
        private int _level;
        private int _sessionsAtLevel;
        private int _sessionsLeft;
        private DateOnly? _changedOn;
        private DoseStep _lastStep = DoseStep.Keep;
        private string _ruleId = DoseProgression.KeepUntilEasySessions;

        // The latest decision and what the dose did, from which its reason is written when the dose is read (Current):
        // most decisions are followed by another before anyone reads them.
        private DoseProgression.Verdict? _decision;
        private Note _note;
        private int _noteFigure;

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
            if (_recent.Count > _window)
            {
                _recent.RemoveAt(0);
            }
        }

        /// <summary>Applies the decision to the level; true when it was a regression (counted towards a review).</summary>
        public bool Apply(DoseProgression.Verdict decision, DateOnly date)
        {
            var from = _level;
            var regressed = false;
            var note = Note.None;
            _decision = decision;
            _ruleId = decision.RuleId;
            _lastStep = decision.Step;
            switch (decision.Step)
            {
                case DoseStep.Progress:
                    if (_sessionsLeft > 0)
                    {
                        _lastStep = DoseStep.Keep;
                        note = Note.Owed;
                        _noteFigure = _sessionsLeft;
                    }
                    else if (ladder.IsTop(_level))
                    {
                        _lastStep = DoseStep.Keep;
                        note = Note.AtTop;
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
                note = Note.Changed;
                _noteFigure = from;
            }
            _note = note;
            return regressed;
        }

        public CurrentDose Current() =>
            new(ExerciseId, _level, ladder.At(_level), _changedOn, _lastStep, _ruleId, Reason(), ladder.IsTop(_level), _sessionsAtLevel, _sessionsLeft);

        /// <summary>The latest decision's reason in plain words, with what it did to the dose when there is more to say.</summary>
        private string Reason()
        {
            if (_decision is not { } decision)
            {
                return "";
            }
            var reason = decision.Decision(settings).Reason;
            var note = _note switch
            {
                Note.None => null,
                Note.Owed => $"First, though, {Sessions(_noteFigure)} more at this level after the recent step back.",
                Note.AtTop => ladder.Prescribed
                    ? "This is already the most your coach set for this exercise, so the dose stays the same; your coach can raise it."
                    : "This is already the most of this exercise, so the dose stays the same; the harder version comes in the later weeks of the program.",
                Note.AtBottom =>
                    "This is already the easiest dose of this exercise, so it stays the same; if it still feels like too much, try the easier version or leave it out.",
                Note.Changed => Change(ladder.At(_noteFigure), ladder.At(_level)),
            };
            return note is null ? reason : $"{reason} {note}";
        }

        private Note StepBack(DoseProgression.Verdict decision)
        {
            _sessionsLeft = decision.SessionsAtPreviousLevel;
            if (_level > ladder.MinLevel)
            {
                _level--;
                return Note.None;
            }
            if (decision.Step == DoseStep.Regress)
            {
                _lastStep = DoseStep.Keep;
            }
            return Note.AtBottom;
        }

        private static string Sessions(int n) => n == 1 ? "1 session" : $"{n} sessions";

        /// <summary>
        /// What the latest decision's reason adds: the sessions still owed at this level (<see cref="_noteFigure"/>), the
        /// top or the bottom rung reached, or the change from the level in <see cref="_noteFigure"/> to this one.
        /// </summary>
        private enum Note
        {
            None,
            Owed,
            AtTop,
            AtBottom,
            Changed,
        }
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
