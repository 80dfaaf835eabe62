using System.Globalization;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Progress;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Progress;

namespace Limber.Web.Coaching;

/// <summary>How a pain figure compares with an earlier one. A closed set.</summary>
public enum PainDirection
{
    /// <summary>Lower by a meaningful change: 2 points or 30 % (safety.md section 6, Ostelo 2008).</summary>
    Better,

    /// <summary>Neither a meaningful fall nor a meaningful rise.</summary>
    Same,

    /// <summary>Higher by 2 points or 30 %.</summary>
    Worse,
}

/// <summary>Days with a finished session out of the days of a window, which starts on <paramref name="From"/>.</summary>
public sealed record AdherenceFigure(int DaysDone, int Days, DateOnly From)
{
    /// <summary>0 to 1.</summary>
    public double Fraction => Days == 0 ? 0 : (double)DaysDone / Days;
}

/// <summary>Adherence over the last 7 and 28 days, each counted only from the day the link or the program started when that is later.</summary>
public sealed record DashboardAdherence(AdherenceFigure Last7Days, AdherenceFigure Last28Days);

/// <summary>Check-in pain: the mean of the last 7 days against the 7 days before and against the baseline; null where there is nothing to compare.</summary>
public sealed record DashboardPain(double? MeanLast7Days, double? MeanPrevious7Days, int? BaselinePain, PainDirection? ComparedWithPrevious, PainDirection? ComparedWithBaseline);

/// <summary>What a flag on the dashboard is about. A closed set, in the order of the attention it asks for.</summary>
public enum CoachFlagKind
{
    /// <summary>A warning-sign screen above "no warning signs reported".</summary>
    Screen,

    /// <summary>A session stopped by a stop rule in the last 14 days.</summary>
    Stop,

    /// <summary>The "not improving" watch raised routine or urgent.</summary>
    NotImproving,

    /// <summary>The dose rules hold progression and suggest a review (last 7 days).</summary>
    ReviewSuggested,

    /// <summary>Doses were made easier in the last 7 days.</summary>
    Regression,

    /// <summary>Sessions on fewer than half the days of the last 7.</summary>
    LowAdherence,
}

/// <summary>One flag: what it is about, how serious (the disposition it carries, None when it carries none), a title and details, in plain words.</summary>
public sealed record CoachFlag(CoachFlagKind Kind, Disposition Level, string Title, IReadOnlyList<string> Details);

/// <summary>Who needs attention first: a lower value comes first. A closed set.</summary>
public enum AttentionRank
{
    /// <summary>An emergency or urgent screen outcome that still holds routines back.</summary>
    Referral = 1,

    /// <summary>A session stopped by a stop rule in the last 14 days.</summary>
    Stopped = 2,

    /// <summary>Not improving, a review suggested, or a screen that asks for an appointment.</summary>
    Review = 3,

    /// <summary>Doses made easier in the last 7 days.</summary>
    Regressed = 4,

    /// <summary>Sessions on fewer than half the days of the last 7.</summary>
    LowAdherence = 5,

    /// <summary>Nothing flagged.</summary>
    None = 6,
}

/// <summary>
/// One client's row. Each part is null when the client does not share the data it needs (<see cref="Shares"/> says
/// which), so "not shared" is never shown as "nothing happened".
/// </summary>
public sealed record DashboardRow(
    CoachLink Link,
    string Label,
    DateOnly LinkedOn,
    CoachShares Shares,
    bool ProgramStarted,
    DashboardAdherence? Adherence,
    DashboardPain? Pain,
    DateOnly? LastSession,
    IReadOnlyList<CoachFlag> Flags,
    AttentionRank Rank)
{
    /// <summary>The kinds of data the client does not share now (link flags and health-data consent together).</summary>
    public IReadOnlyList<ShareKind> NotShared => [.. Enum.GetValues<ShareKind>().Where(k => !Shares.Allows(k))];
}

/// <summary>Everything one row is made from, already read (<see cref="DashboardRecords"/>) and limited to what is shared.</summary>
/// <param name="Shares">What the client shares now: the link's flags, all off without the health-data consent.</param>
/// <param name="Settings">The dose rules' thresholds for this client: their coach's when set, else the deployment's.</param>
public sealed record DashboardClientInput(
    CoachLink Link,
    CoachShares Shares,
    DateTimeOffset Now,
    Profile? Profile,
    Limber.Storage.Program? Program,
    IReadOnlyList<DashboardSessionDay> SessionDays,
    DateOnly? LastSession,
    IReadOnlyList<Session> DoseSessions,
    IReadOnlyList<SessionStop> Stops,
    IReadOnlyList<DashboardCheckIn> CheckIns,
    IReadOnlyList<ProfileActivity> Activities,
    DashboardScreen? LatestScreen,
    DashboardScreen? HoldingScreen,
    ProgressionSettings Settings);

/// <summary>
/// The coach dashboard's figures and flags for one client (issue 10, product.md part 9): adherence, the pain trend,
/// warning signs, stops, the "not improving" watch and the dose rules, and where the client comes in the order of who
/// needs attention first. Pure: everything is passed in, so the same data always gives the same row.
/// </summary>
public static class CoachDashboard
{
    /// <summary>Days of reports made during sessions that flag a stop.</summary>
    public const int StopDays = 14;

    /// <summary>Days in which regressions and a review suggestion are flagged (the dose rules' own window).</summary>
    public const int DoseDays = 7;

    /// <summary>Days of the longer adherence window.</summary>
    public const int AdherenceDays = 28;

    /// <summary>Below this share of days with a session in the last 7, adherence is flagged as low.</summary>
    public const double LowAdherenceBelow = 0.5;

    /// <summary>A 7-day window shorter than this (a new link or program) is too short to call adherence low.</summary>
    public const int LowAdherenceFromDays = 3;

    // Means of whole numbers: the tolerance keeps "exactly 2 points" at 2 despite binary fractions, as the watch does.
    private const double Tolerance = 1e-9;

    /// <summary>How <paramref name="now"/> compares with <paramref name="before"/>: a meaningful change is 2 points or 30 % of <paramref name="before"/>.</summary>
    public static PainDirection Compare(double before, double now)
    {
        var change = now - before;
        var meaningful = Math.Abs(change) >= ImprovementWatch.MeaningfulPainPoints - Tolerance
            || (Math.Abs(change) > Tolerance && Math.Abs(change) >= ImprovementWatch.MeaningfulPainFraction * before - Tolerance);
        return !meaningful ? PainDirection.Same : change < 0 ? PainDirection.Better : PainDirection.Worse;
    }

    /// <summary>The client's row.</summary>
    /// <param name="input">Everything the row is made from.</param>
    /// <param name="catalogue">The exercise catalogue: names, and feedback on exercises no longer in it left out.</param>
    /// <param name="decisions">
    /// Decisions on single sessions already made for other rows of the same dashboard, to be reused; null for a row alone.
    /// </param>
    public static DashboardRow Row(DashboardClientInput input, ExerciseCatalogue catalogue, SessionDoseDecisions? decisions = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalogue);
        var zone = input.Profile?.TimeZoneId;
        var today = PersonalDate.Of(input.Now, zone);
        var linkedOn = PersonalDate.Of(input.Link.StartedAt, zone);
        var shares = input.Shares;
        var flags = new List<CoachFlag>();
        var rank = AttentionRank.None;
        void Flag(CoachFlag flag, AttentionRank attention)
        {
            flags.Add(flag);
            rank = (AttentionRank)Math.Min((int)rank, (int)attention);
        }

        if (shares.Screens && ScreenFlag(input) is { } screen)
        {
            Flag(screen.Flag, screen.Rank);
        }

        DashboardAdherence? adherence = null;
        if (shares.Sessions)
        {
            var start = Later(linkedOn, input.Program?.StartedOn ?? linkedOn);
            adherence = new DashboardAdherence(Figure(input.SessionDays, today, start, 7), Figure(input.SessionDays, today, start, AdherenceDays));
            if (StopFlag(input, zone, catalogue) is { } stop)
            {
                Flag(stop, AttentionRank.Stopped);
            }
        }

        DashboardPain? pain = null;
        if (shares.Progress)
        {
            pain = PainOf(input.CheckIns, today, input.Profile?.BaselinePain);
            if (WatchFlag(input, today) is { } watch)
            {
                Flag(watch, AttentionRank.Review);
            }
        }

        if ((shares.Sessions || shares.Program) && input.Profile is { } profile && input.Program is { } program)
        {
            var (review, regression) = DoseFlags(input, profile, program, today, catalogue, decisions ?? new SessionDoseDecisions());
            if (review is not null)
            {
                Flag(review, AttentionRank.Review);
            }
            if (regression is not null)
            {
                Flag(regression, AttentionRank.Regressed);
            }
        }

        if (adherence is { Last7Days: var week } && input.Program is not null
            && week.Days >= LowAdherenceFromDays && week.Fraction < LowAdherenceBelow)
        {
            Flag(new CoachFlag(CoachFlagKind.LowAdherence, Disposition.None, "Few sessions lately",
                [$"Sessions on {DaysOf(week.DaysDone)} of the last {DaysOf(week.Days)}."]), AttentionRank.LowAdherence);
        }

        var label = string.IsNullOrWhiteSpace(input.Link.Label) ? $"Client linked on {Day(linkedOn)}" : input.Link.Label.Trim();
        return new DashboardRow(input.Link, label, linkedOn, shares, input.Program is not null, adherence, pain,
            shares.Sessions ? input.LastSession : null, [.. flags.OrderBy(f => f.Kind)], rank);
    }

    /// <summary>
    /// Who needs attention first: a screen that still holds routines back (emergency before urgent), then stops, then
    /// not improving, a review suggested or a screen asking for an appointment, then regressions, then few sessions,
    /// then everyone else; by label within each.
    /// </summary>
    public static IReadOnlyList<DashboardRow> Sort(IEnumerable<DashboardRow> rows) =>
        [
            .. rows.OrderBy(r => r.Rank)
                .ThenByDescending(r => r.Flags.Count == 0 ? Disposition.None : r.Flags.Max(f => f.Level))
                .ThenBy(r => r.Label, StringComparer.InvariantCultureIgnoreCase)
                .ThenBy(r => r.LinkedOn)
                .ThenBy(r => r.Link.Id),
        ];

    /// <summary>A day as the dashboard writes it: 23 November.</summary>
    public static string Day(DateOnly date) => ProgressCharts.Day(date);

    /// <summary>1 day, 3 days.</summary>
    public static string DaysOf(int n) => n == 1 ? "1 day" : $"{n.ToString(CultureInfo.InvariantCulture)} days";

    /// <summary>A mean pain as written: one decimal at most.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>"A", "A and B", "A, B and C".</summary>
    private static string Join(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    private static AdherenceFigure Figure(IReadOnlyList<DashboardSessionDay> sessions, DateOnly today, DateOnly start, int window)
    {
        var from = Later(today.AddDays(1 - window), start);
        if (from > today)
        {
            from = today;
        }
        var done = sessions.Where(s => s.Finished && s.Date >= from && s.Date <= today).Select(s => s.Date).Distinct().Count();
        return new AdherenceFigure(done, today.DayNumber - from.DayNumber + 1, from);
    }

    private static DashboardPain PainOf(IReadOnlyList<DashboardCheckIn> checkIns, DateOnly today, int? baseline)
    {
        double? Mean(DateOnly from, DateOnly to)
        {
            var pains = checkIns.Where(c => c.Date >= from && c.Date <= to).Select(c => c.Pain).ToList();
            return pains.Count == 0 ? null : pains.Average();
        }
        var last = Mean(today.AddDays(1 - ImprovementWatch.PainWindowDays), today);
        var previous = Mean(today.AddDays(1 - 2 * ImprovementWatch.PainWindowDays), today.AddDays(-ImprovementWatch.PainWindowDays));
        return new DashboardPain(last, previous, baseline,
            last is { } l && previous is { } p ? Compare(p, l) : null,
            last is { } m && baseline is { } b ? Compare(b, m) : null);
    }

    private static (CoachFlag Flag, AttentionRank Rank)? ScreenFlag(DashboardClientInput input)
    {
        if (input.HoldingScreen is { } held)
        {
            var title = held.Screen.Disposition == Disposition.Emergency
                ? "Warning signs: told to get emergency help; not yet confirmed cleared to exercise"
                : "Warning signs: told to see a doctor within 24–48 hours; not yet confirmed seen";
            return (new CoachFlag(CoachFlagKind.Screen, held.Screen.Disposition, title, Reasons(held, input.Profile?.TimeZoneId)), AttentionRank.Referral);
        }
        if (input.LatestScreen is { Screen.Disposition: > Disposition.None } latest)
        {
            var heading = DispositionAdvice.For(latest.Screen.Disposition).Heading;
            var confirmed = latest.Confirmed switch
            {
                ReferralConfirmationKind.ClearedToExercise => " (they confirmed they were seen and cleared to exercise)",
                ReferralConfirmationKind.Seen => " (they confirmed they were seen)",
                null => "",
            };
            return (new CoachFlag(CoachFlagKind.Screen, latest.Screen.Disposition, $"Warning signs: {heading.ToLowerInvariant()}{confirmed}", Reasons(latest, input.Profile?.TimeZoneId)),
                AttentionRank.Review);
        }
        return null;
    }

    private static List<string> Reasons(DashboardScreen screen, string? zone) =>
        [$"Screen of {Day(PersonalDate.Of(screen.Screen.TakenAt, zone))}; the reasons as your client saw them:", .. screen.Reasons.Select(r => r.Text)];

    private static CoachFlag? StopFlag(DashboardClientInput input, string? zone, ExerciseCatalogue catalogue)
    {
        var since = input.Now.AddDays(-StopDays);
        var stopped = input.Stops
            .Where(s => s.At > since && s.At <= input.Now && s.Action >= StopAction.StopSetRegressNextSession)
            .OrderBy(s => s.At)
            .ToList();
        if (stopped.Count == 0)
        {
            return null;
        }
        var details = stopped.Select(s =>
        {
            var during = s.ExerciseId is { } id ? $" during {catalogue.Find(id)?.Name ?? id}" : "";
            var pain = s.PainScore is { } score ? $" ({score} out of 10)" : "";
            var then = CoachDashboardWords.Then(s.Action);
            var routine = s.Raises >= Disposition.Routine ? " They were asked to book an appointment with a doctor or physiotherapist." : "";
            return $"{Day(PersonalDate.Of(s.At, zone))}: {StopRules.Reported(s.Symptom)}{pain}{during}; {then}.{routine}";
        }).ToList();
        var times = stopped.Count == 1 ? "once" : $"{stopped.Count} times";
        return new CoachFlag(CoachFlagKind.Stop, stopped.Max(s => s.Raises), $"Stopped {times} in the last {StopDays} days", details);
    }

    /// <summary>
    /// The ratings the watch's figures are made from, oldest first: the first day's (the baseline), the latest of each
    /// activity before the watch's window, and those in it. Those in between change neither figure, and a year of them
    /// need not be read day by day for each client. They are picked in one pass over the history and only the few
    /// picked are sorted, which gives what sorting the whole history and then picking gives.
    /// </summary>
    internal static List<ProfileActivity> WatchedRatings(IReadOnlyList<ProfileActivity> ratings, DateTimeOffset now)
    {
        if (ratings.Count == 0)
        {
            return [];
        }
        // A day of slack on each side: the person's own days are not UTC's.
        var first = ratings[0].RecordedAt;
        for (var i = 1; i < ratings.Count; i++)
        {
            if (ratings[i].RecordedAt < first)
            {
                first = ratings[i].RecordedAt;
            }
        }
        var firstDayEnds = first.AddDays(1);
        var windowStarts = now.AddDays(-(ImprovementWatch.ActivityWindowDays + 1));
        // The last of each activity in the order below; of two equal in it, the later in the list, as a stable sort leaves them.
        var latestBefore = new Dictionary<string, ProfileActivity>(StringComparer.OrdinalIgnoreCase);
        foreach (var rating in ratings)
        {
            if (rating.RecordedAt < windowStarts
                && (!latestBefore.TryGetValue(rating.Name, out var latest) || RatingOrder(rating, latest) >= 0))
            {
                latestBefore[rating.Name] = rating;
            }
        }
        var kept = new HashSet<ProfileActivity>(latestBefore.Values, ReferenceEqualityComparer.Instance);
        return [.. ratings.Where(a => a.RecordedAt < firstDayEnds || a.RecordedAt >= windowStarts || kept.Contains(a))
            .OrderBy(a => a.RecordedAt).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id)];
    }

    /// <summary>Ratings oldest first, then by name (ignoring case), then by id.</summary>
    private static int RatingOrder(ProfileActivity a, ProfileActivity b)
    {
        var c = a.RecordedAt.CompareTo(b.RecordedAt);
        if (c == 0)
        {
            c = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        }
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    private static CoachFlag? WatchFlag(DashboardClientInput input, DateOnly today)
    {
        if (input.Profile is not { } profile)
        {
            return null;
        }
        var start = input.Program?.StartedOn ?? today;
        // Everyday activities count only from the week "not improving" can apply; before it, they are not read at all.
        var (baselineActivity, activity) = today.DayNumber - start.DayNumber >= (ImprovementWatch.NotImprovingFromWeek - 1) * 7
            ? ProgressReader.ActivityScores(WatchedRatings(input.Activities, input.Now), profile.TimeZoneId)
            : (0, []);
        var watch = ProgressReport.WatchOf(new ProgressInput(
            start, today, profile.BaselinePain, baselineActivity, input.LatestScreen?.Screen.Age ?? 0,
            [.. input.CheckIns.Where(c => c.Date <= today).Select(c => new CheckInEntry(c.Date, c.Pain, null, null, []))],
            [], activity));
        if (watch.Disposition == Disposition.None)
        {
            return null;
        }
        var details = watch.Reasons.Where(r => r.Disposition > Disposition.None).Select(r => r.RuleId switch
        {
            ImprovementWatch.GettingWorse =>
                $"Getting worse: their mean pain over the last {ImprovementWatch.PainWindowDays} days is {Number(watch.MeanPainLast7Days ?? 0)}, "
                + $"{Number(ImprovementWatch.WorsePainRise)} or more points above where they started ({profile.BaselinePain}).",
            ImprovementWatch.NotImproving =>
                $"In week {watch.ProgramWeek} of the program there is no meaningful improvement yet in pain (2 points or 30 % less) "
                + $"nor in everyday activities (2 points better). "
                + (r.Disposition == Disposition.Urgent
                    ? $"Being {WarningSignScreen.OlderAge} or over, they were asked to see a doctor within 24–48 hours."
                    : "They were asked to book an appointment with a doctor or physiotherapist."),
            _ => r.Text,
        }).ToList();
        var title = watch.Reasons.Any(r => r.RuleId == ImprovementWatch.GettingWorse) ? "Getting worse" : "Not improving";
        return new CoachFlag(CoachFlagKind.NotImproving, watch.Disposition, title, details);
    }

    /// <summary>
    /// Regressions in the last 7 days and a review suggested, from the sessions of the rules' own window alone. A
    /// regression is decided by the session itself (its worst pain, the next morning), so each is found exactly as the
    /// whole replay finds it. A review is the replay's own answer (<see cref="DoseAdaptation.ReviewInForce"/>) over that window,
    /// in force today; the replay runs only when a review can be in force today at all (<see cref="ReviewPossible"/>):
    /// enough regressions in the window, or weekly means already as high as the rules look for. The decision on each
    /// session alone is taken from <paramref name="decisions"/>, which the dashboard's rows share.
    /// </summary>
    private static (CoachFlag? Review, CoachFlag? Regression) DoseFlags(
        DashboardClientInput input, Profile profile, Limber.Storage.Program program, DateOnly today, ExerciseCatalogue catalogue,
        SessionDoseDecisions decisions)
    {
        var s = input.Settings;
        var from = today.AddDays(1 - ReviewDays(s));
        // The day's highest pain, and below one a day: loops rather than grouping, which made lists for every day of every client.
        var painOn = new Dictionary<DateOnly, int>();
        foreach (var c in input.CheckIns)
        {
            painOn[c.Date] = painOn.TryGetValue(c.Date, out var pain) ? Math.Max(pain, c.Pain) : c.Pain;
        }
        var entries = input.DoseSessions
            .Where(session => session.Date >= from && session.Date <= today && session.Date >= program.StartedOn)
            .SelectMany(session => DoseRecords.FeedbackOf(session, painOn, profile.BaselinePain))
            .Where(e => catalogue.Find(e.ExerciseId) is not null)
            .OrderBy(e => e.Date).ThenBy(e => e.At).ThenBy(e => e.ExerciseId, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
        {
            return (null, null);
        }
        var usual = profile.MorningStiffnessMinutes ?? 0;
        // One a day, in the order read: the highest pain and the longest stiffness of the day's check-ins.
        var mornings = new Dictionary<DateOnly, MorningCheckIn>();
        foreach (var c in input.CheckIns)
        {
            if (c.Date <= today)
            {
                mornings[c.Date] = mornings.TryGetValue(c.Date, out var m)
                    ? new MorningCheckIn(c.Date, Math.Max(m.Pain, c.Pain),
                        m.MorningStiffnessMinutes is { } a && c.MorningStiffnessMinutes is { } b ? Math.Max(a, b) : m.MorningStiffnessMinutes ?? c.MorningStiffnessMinutes)
                    : new MorningCheckIn(c.Date, c.Pain, c.MorningStiffnessMinutes);
            }
        }

        var regressed = new List<(DateOnly Date, string Why, string Exercise)>();
        foreach (var entry in entries)
        {
            NextMorning? next = mornings.TryGetValue(entry.Date.AddDays(1), out var m)
                ? new NextMorning(m.Pain, m.MorningStiffnessMinutes is { } minutes && minutes > usual + s.MoreStiffMarginMinutes)
                : null;
            var decision = decisions.Decide(entry, next, profile.BaselinePain, s);
            if (decision.Step == DoseStep.Regress || (decision.Step == DoseStep.HoldAndSuggestReview && decision.SessionsAtPreviousLevel > 0))
            {
                // Shared through the program alone, the dose changed, but how the session went is the sessions' to tell.
                var why = !input.Shares.Sessions ? "made easier after that day's session"
                    : decision.RuleId switch
                    {
                        DoseProgression.RegressNextMorningPain =>
                            $"the next morning their pain was {(next?.Pain ?? 0) - entry.BaselinePain} points above where it was before the session",
                        DoseProgression.RegressMorningStiffness => "they were stiffer than usual the next morning",
                        _ => $"worst pain {entry.WorstPain} out of 10",
                    };
                regressed.Add((entry.Date, why, catalogue.Find(entry.ExerciseId)!.Name));
            }
        }

        var inReviewWindow = regressed.Count(r => r.Date > today.AddDays(-s.ReviewRegressionWindowDays));
        var checkIns = mornings.Values.ToList();
        var suggested = ReviewPossible(inReviewWindow, checkIns, program.StartedOn, profile.BaselinePain, today, s)
            ? DoseAdaptation.ReviewInForce(
                new AdaptationInput(entries, checkIns, program.StartedOn, profile.BaselinePain, usual, input.LatestScreen?.Screen.Age),
                catalogue, today, s)
            : null;
        CoachFlag? review = suggested is null ? null
            : new CoachFlag(CoachFlagKind.ReviewSuggested, suggested.Disposition, "Review suggested",
                [suggested.RuleId == DoseProgression.ReviewWeeklyPainRising
                    ? $"Their weekly mean pain has been {Number(s.ReviewWeeklyPainRise)} or more points above where they started for {s.ReviewWeeks} weeks in a row: "
                        + "doses are held and they were asked to book a review with a doctor or physiotherapist."
                    : $"Doses had to be made easier {s.ReviewRegressions} or more times in {s.ReviewRegressionWindowDays} days: "
                        + "doses are held and they were asked to book a review with a doctor or physiotherapist."]);

        // One line per day and cause: a session that was too much for every exercise says so once.
        var lately = regressed.Where(r => r.Date > today.AddDays(-DoseDays)).ToList();
        CoachFlag? regression = lately.Count == 0 ? null
            : new CoachFlag(CoachFlagKind.Regression, Disposition.None,
                lately.Count == 1 ? $"A dose made easier in the last {DoseDays} days" : $"{lately.Count} doses made easier in the last {DoseDays} days",
                [.. lately.GroupBy(r => (r.Date, r.Why)).Select(g => $"{Day(g.Key.Date)}: {Join([.. g.Select(r => r.Exercise).Distinct()])}; {g.Key.Why}.")]);
        return (review, regression);
    }

    /// <summary>
    /// Whether the replay can find a review in force today. It keeps a review only while the review's own condition
    /// still holds today, judged by <see cref="DoseProgression.Decide"/> alone: enough regressions within the window
    /// before today, which are the ones found session by session (<paramref name="regressionsInWindow"/>), or the
    /// weekly means of the complete program weeks ended by today. When neither holds, its answer is no review, and it
    /// need not run.
    /// </summary>
    internal static bool ReviewPossible(
        int regressionsInWindow, IReadOnlyList<MorningCheckIn> checkIns, DateOnly programStart, int baselinePain, DateOnly today, ProgressionSettings settings)
    {
        if (regressionsInWindow >= settings.ReviewRegressions)
        {
            return true;
        }
        var weeks = DoseAdaptation.WeeklyMeanPains(checkIns, programStart, today);
        return DoseProgression.Decide(new ProgressionInput([], 0, weeks, baselinePain), settings).Step == DoseStep.HoldAndSuggestReview;
    }

    /// <summary>Days of sessions the dose flags read, today included: 7, or the client's review window when a coach set it longer.</summary>
    public static int ReviewDays(ProgressionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Math.Max(DoseDays, settings.ReviewRegressionWindowDays);
    }
}
