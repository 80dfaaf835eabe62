using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>
/// Plans today's routine and the day's desk breaks from a profile, the catalogue and the date (product.md part 4).
/// Pure: the same inputs and date always give the same plan. Nothing is planned without a <see cref="SafetyDecision"/>.
/// </summary>
public static class RoutinePlanner
{
    /// <summary>Routines of at least this many minutes always hold a strengthening exercise.</summary>
    public const int StrengthFromMinutes = 10;

    /// <summary>Desk breaks last between these many seconds, aiming at the middle.</summary>
    public const int DeskBreakMinSeconds = 60;
    public const int DeskBreakMaxSeconds = 180;
    private const int DeskBreakTargetSeconds = 120;
    private const int DeskBreakMaxItems = 3;

    /// <summary>
    /// Today's routine in four parts: warm-up, mobility and stretching, strengthening, cool-down.
    /// </summary>
    /// <param name="profile">The person's profile.</param>
    /// <param name="catalogue">The exercise catalogue.</param>
    /// <param name="date">The day planned for: exercises rotate by date.</param>
    /// <param name="safety">The routine gate's decision; <see cref="SafetyDecisionKind.NoRoutine"/> plans nothing.</param>
    /// <param name="currentDoses">The person's current dose per exercise id, from adaptation; the catalogue default otherwise.</param>
    /// <param name="session">Which of the day's sessions (1 to <see cref="PlannerProfile.SessionsPerDay"/>): each varies a little.</param>
    public static RoutinePlan Today(PlannerProfile profile, ExerciseCatalogue catalogue, DateOnly date, SafetyDecision safety,
        IReadOnlyDictionary<string, Dose>? currentDoses = null, int session = 1) =>
        Plan(profile, catalogue, date, safety, currentDoses, session, VariantLean.AsIs);

    internal static RoutinePlan Plan(PlannerProfile profile, ExerciseCatalogue catalogue, DateOnly date, SafetyDecision safety,
        IReadOnlyDictionary<string, Dose>? currentDoses, int session, VariantLean lean)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(safety);
        profile.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(session, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(session, profile.SessionsPerDay);

        var gentle = safety.GentleOnly;
        if (gentle is not { } isGentle)
        {
            return new RoutinePlan(PlanOutcome.Withheld, null, safety.Reason);
        }

        var preferences = new Preferences(profile, isGentle, lean);
        var ranked = preferences.Rank(catalogue, Seed(date, session));
        if (ranked.Count == 0)
        {
            return new RoutinePlan(PlanOutcome.NothingFits, null, NothingFitsMessage);
        }

        var minutes = profile.MinutesPerSession;
        var target = minutes * 60;
        var upper = RoutineClock.UpperBound(target);
        var lower = RoutineClock.LowerBound(target);
        var builder = new Builder(ranked, currentDoses, isGentle, upper, profile.Age);
        var notes = new List<string>();

        // The core: a warm-up, a stretch and a mobility exercise always; strength from 10 minutes (safety.md section 5).
        // Runners warm up with a running drill from 10 minutes; everyone else (and runners who cannot) with gentle mobility.
        if (minutes >= StrengthFromMinutes && profile.Runs)
        {
            builder.AddRequired(RoutinePart.WarmUp, [ExerciseKind.WarmUp]);
        }
        if (!builder.Has(RoutinePart.WarmUp))
        {
            builder.AddRequired(RoutinePart.WarmUp, [ExerciseKind.Mobility], GentleFirst);
        }
        builder.AddRequired(RoutinePart.MobilityAndStretching, [ExerciseKind.Stretch]);
        if (!builder.Has(ExerciseKind.Stretch))
        {
            notes.Add("None of the stretches fit the positions and equipment you have, so this routine has no stretch.");
        }
        if (!builder.Has(ExerciseKind.Mobility))
        {
            builder.AddRequired(RoutinePart.MobilityAndStretching, [ExerciseKind.Mobility]);
            if (!builder.Has(ExerciseKind.Mobility))
            {
                notes.Add("None of the mobility moves fit the positions and equipment you have, so this routine has none.");
            }
        }
        if (minutes >= StrengthFromMinutes)
        {
            builder.AddRequired(RoutinePart.Strengthening, [ExerciseKind.Strength]);
            if (!builder.Has(ExerciseKind.Strength))
            {
                notes.Add("None of the strengthening exercises fit the positions and equipment you have, so this routine has none; strength matters as much as stretching.");
            }
            builder.AddOptional(RoutinePart.CoolDown, [ExerciseKind.Breathing], target);
            if (!builder.Has(RoutinePart.CoolDown))
            {
                builder.AddOptional(RoutinePart.CoolDown, [ExerciseKind.Stretch], target, e => e.Difficulty == 1);
            }
        }

        // Fill the rest, alternating mobility and stretching with strength, then fit the doses to the minutes.
        ExerciseKind[] flexible = [ExerciseKind.Stretch, ExerciseKind.Mobility, ExerciseKind.SelfMassage];
        ExerciseKind[] strength = [ExerciseKind.Strength];
        var fillers = minutes >= StrengthFromMinutes
            ? new[] { (RoutinePart.MobilityAndStretching, flexible), (RoutinePart.Strengthening, strength) }
            : [(RoutinePart.MobilityAndStretching, flexible)];
        builder.Fill(fillers, target, atMinimum: false);
        DoseFitting.Climb(builder.Drafts, target);
        if (DoseFitting.Total(builder.Drafts) < lower)
        {
            builder.Fill(fillers, target, atMinimum: true);
            DoseFitting.Climb(builder.Drafts, target);
        }
        builder.DropOptionalWhileOver(target);

        var total = DoseFitting.Total(builder.Drafts);
        var fit = total < lower ? TimeFit.Shorter : total > upper ? TimeFit.Longer : TimeFit.WithinTenPercent;
        switch (fit)
        {
            case TimeFit.Shorter:
                notes.Add($"Only {builder.Drafts.Count} exercises fit the positions and equipment you have, even with extra rounds, "
                    + $"so this routine takes about {Minutes(total)} instead of {minutes} minutes. "
                    + "Adding a position you can manage or a piece of equipment such as a chair gives a fuller routine.");
                break;
            case TimeFit.Longer:
                notes.Add($"The fewest exercises that mix stretching, mobility and strength take about {Minutes(total)}, "
                    + $"a little more than the {minutes} minutes you chose.");
                break;
            case TimeFit.WithinTenPercent:
                break;
        }

        var items = Finish(builder.Drafts, out var sections);
        var routine = new Routine(date, session, minutes, items.Sum(i => i.Seconds), fit, notes, isGentle,
            preferences.Emphases, sections);
        return new RoutinePlan(PlanOutcome.Planned, routine, fit switch
        {
            TimeFit.WithinTenPercent => $"Today's routine: about {Minutes(total)}.",
            TimeFit.Shorter or TimeFit.Longer => notes[^1],
        });
    }

    /// <summary>
    /// Desk breaks for the day: each one to three chair or standing exercises (none needs the floor), 1–3 minutes in all.
    /// </summary>
    /// <param name="count">How many different breaks to offer (1–12).</param>
    public static DeskBreakPlan DeskBreak(PlannerProfile profile, ExerciseCatalogue catalogue, DateOnly date, SafetyDecision safety,
        IReadOnlyDictionary<string, Dose>? currentDoses = null, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(safety);
        profile.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 12);

        var gentle = safety.GentleOnly;
        if (gentle is not { } isGentle)
        {
            return new DeskBreakPlan(PlanOutcome.Withheld, [], safety.Reason);
        }

        var preferences = new Preferences(profile, isGentle, VariantLean.AsIs);
        var breaks = new List<MicroRoutine>();
        var usedToday = new HashSet<string>(StringComparer.Ordinal);
        for (var b = 0; b < count; b++)
        {
            var ranked = preferences.Rank(catalogue, Seed(date, 100 + b), IsDeskExercise);
            // Prefer exercises not yet used in today's other breaks, keeping the order otherwise.
            var fresh = ranked.Where(c => !usedToday.Contains(c.Exercise.Id)).Concat(ranked.Where(c => usedToday.Contains(c.Exercise.Id))).ToList();
            var builder = new Builder(fresh, currentDoses, isGentle, DeskBreakMaxSeconds, profile.Age);
            while (builder.Drafts.Count < DeskBreakMaxItems && DoseFitting.Total(builder.Drafts) < DeskBreakMinSeconds
                && builder.AddOptional(RoutinePart.MobilityAndStretching, null, DeskBreakTargetSeconds, atMinimum: true))
            {
                DoseFitting.Climb(builder.Drafts, DeskBreakTargetSeconds);
            }
            DoseFitting.Climb(builder.Drafts, DeskBreakTargetSeconds);
            var total = DoseFitting.Total(builder.Drafts);
            if (builder.Drafts.Count == 0 || total < DeskBreakMinSeconds || total > DeskBreakMaxSeconds)
            {
                continue;
            }
            var items = Finish(builder.Drafts, out _);
            foreach (var item in items)
            {
                usedToday.Add(item.ExerciseId);
            }
            breaks.Add(new MicroRoutine(items, items.Sum(i => i.Seconds)));
        }
        return breaks.Count == 0
            ? new DeskBreakPlan(PlanOutcome.NothingFits, [],
                "Desk breaks use exercises done in a chair or standing; none fit the positions and equipment you have. Adding a chair gives you some.")
            : new DeskBreakPlan(PlanOutcome.Planned, breaks, $"{breaks.Count} desk breaks of 1–3 minutes.");
    }

    /// <summary>Chair and standing exercises that need no floor, with no running drills or demanding moves at a desk.</summary>
    private static bool IsDeskExercise(Exercise e) =>
        e.Position is StartPosition.Seated or StartPosition.Standing
        && e.Kind is not ExerciseKind.WarmUp
        && e.Difficulty <= 2
        && !e.SkipIf.Contains(SkipCondition.CannotGetDownToFloor);

    private const string NothingFitsMessage =
        "None of the exercises fit the positions, equipment and limits you gave. Adding a position you can manage, "
        + "or a chair, opens up exercises you can do.";

    private static long Seed(DateOnly date, int session) => date.DayNumber * 1000L + session;

    private static string Minutes(int seconds)
    {
        var m = (int)Math.Round(seconds / 60.0, MidpointRounding.AwayFromZero);
        return m <= 1 ? "1 minute" : $"{m} minutes";
    }

    /// <summary>The warm-up leans towards the gentlest mobility moves.</summary>
    private static double GentleFirst(Exercise e) => e.Difficulty == 1 ? 1 : 0;

    /// <summary>Orders the drafts into their parts (rolling, then mobility, then stretches in the middle part) and times them.</summary>
    private static List<PlannedExercise> Finish(List<Draft> drafts, out IReadOnlyList<RoutineSection> sections)
    {
        var ordered = drafts
            .Select((d, i) => (Draft: d, Index: i))
            .OrderBy(x => x.Draft.Part)
            .ThenBy(x => x.Draft.Part == RoutinePart.MobilityAndStretching ? KindOrder(x.Draft.Exercise.Kind) : 0)
            .ThenBy(x => x.Index)
            .Select(x => x.Draft)
            .ToList();
        var items = new List<PlannedExercise>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var d = ordered[i];
            var seconds = d.Seconds + (i == 0 ? 0 : RoutineClock.TransitionSeconds);
            items.Add(new PlannedExercise(d.Exercise.Id, d.Part, d.Dose, d.BaseDose, d.Origin, seconds, d.Candidate.Reason));
        }
        sections = Enum.GetValues<RoutinePart>()
            .Select(p => new RoutineSection(p, items.Where(i => i.Part == p).ToArray()))
            .ToArray();
        return items;
    }

    private static int KindOrder(ExerciseKind kind) => kind switch
    {
        ExerciseKind.SelfMassage => 0,
        ExerciseKind.WarmUp or ExerciseKind.Mobility or ExerciseKind.Breathing => 1,
        ExerciseKind.Stretch => 2,
        ExerciseKind.Strength => 3,
    };

    /// <summary>Chooses exercises for a routine, keeping its base doses and what it has taken so far.</summary>
    private sealed class Builder(List<Candidate> ranked, IReadOnlyDictionary<string, Dose>? currentDoses, bool gentle, int upper, int? age)
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private int _required;

        public List<Draft> Drafts { get; } = [];

        public bool Has(ExerciseKind kind) => Drafts.Exists(d => d.Exercise.Kind == kind);

        public bool Has(RoutinePart part) => Drafts.Exists(d => d.Part == part);

        /// <summary>The best candidate of these kinds whose shortest dose still fits; failing that, the shortest one.</summary>
        public void AddRequired(RoutinePart part, ExerciseKind[] kinds, Func<Exercise, double>? bonus = null)
        {
            var room = upper - MinimumTotal() - (Drafts.Count > 0 ? RoutineClock.TransitionSeconds : 0);
            Candidate? chosen = null;
            Candidate? shortest = null;
            var shortestSeconds = int.MaxValue;
            foreach (var c in Ordered(kinds, bonus, filler: false))
            {
                var min = DoseFitting.MinSeconds(c.Exercise, BaseDose(c.Exercise).Dose);
                if (min <= room)
                {
                    chosen = c;
                    break;
                }
                if (min < shortestSeconds)
                {
                    (shortest, shortestSeconds) = (c, min);
                }
            }
            if ((chosen ?? shortest) is { } pick)
            {
                Take(pick, part);
                _required = Drafts.Count;
            }
        }

        /// <summary>Adds the best candidate that fits in its base dose (or, when asked, its shortest); false when none does.</summary>
        public bool AddOptional(RoutinePart part, ExerciseKind[]? kinds, int target, Func<Exercise, bool>? only = null, bool atMinimum = false,
            bool filler = false)
        {
            var total = DoseFitting.Total(Drafts);
            if (total >= target)
            {
                return false;
            }
            var room = upper - total - (Drafts.Count > 0 ? RoutineClock.TransitionSeconds : 0);
            foreach (var c in Ordered(kinds, null, filler))
            {
                if (only is not null && !only(c.Exercise))
                {
                    continue;
                }
                var baseDose = BaseDose(c.Exercise).Dose;
                var seconds = atMinimum ? DoseFitting.MinSeconds(c.Exercise, baseDose) : RoutineClock.DoseSeconds(baseDose);
                if (seconds <= room)
                {
                    var draft = Take(c, part);
                    if (atMinimum)
                    {
                        while (DoseFitting.Step(c.Exercise, baseDose, draft.Dose, -1, sets: true) is { } fewer)
                        {
                            draft.Dose = fewer;
                        }
                        while (DoseFitting.Step(c.Exercise, baseDose, draft.Dose, -1, sets: false) is { } smaller)
                        {
                            draft.Dose = smaller;
                        }
                    }
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Adds exercises in turn from each filler slot until the target is reached or nothing more fits. Fillers rotate
        /// more widely than the core exercises, so days differ while the core stays.
        /// </summary>
        public void Fill((RoutinePart Part, ExerciseKind[] Kinds)[] slots, int target, bool atMinimum)
        {
            var added = true;
            while (added)
            {
                added = false;
                foreach (var (part, kinds) in slots)
                {
                    added |= AddOptional(part, kinds, target, atMinimum: atMinimum, filler: true);
                }
            }
        }

        /// <summary>Removes the last optional exercises while the routine is over its upper bound.</summary>
        public void DropOptionalWhileOver(int target)
        {
            while (DoseFitting.Total(Drafts) > upper && Drafts.Count > _required)
            {
                Drafts.RemoveAt(Drafts.Count - 1);
                DoseFitting.Climb(Drafts, target);
            }
        }

        private int MinimumTotal()
        {
            var total = Math.Max(0, Drafts.Count - 1) * RoutineClock.TransitionSeconds;
            foreach (var d in Drafts)
            {
                total += DoseFitting.MinSeconds(d.Exercise, d.BaseDose);
            }
            return total;
        }

        private IEnumerable<Candidate> Ordered(ExerciseKind[]? kinds, Func<Exercise, double>? bonus, bool filler)
        {
            var matching = ranked.Where(c => !_used.Contains(c.Exercise.Id) && (kinds is null || kinds.Contains(c.Exercise.Kind)));
            // Ranked is in core order already; OrderByDescending is stable, so ties keep it.
            return filler ? matching.OrderByDescending(c => c.FillerScore)
                : bonus is null ? matching
                : matching.OrderByDescending(c => c.CoreScore + bonus(c.Exercise));
        }

        private Draft Take(Candidate c, RoutinePart part)
        {
            var (dose, origin) = BaseDose(c.Exercise);
            var draft = new Draft(c, part, dose, origin);
            Drafts.Add(draft);
            _used.Add(c.Exercise.Id);
            return draft;
        }

        /// <summary>
        /// The current dose when there is one; with gentle options first, whichever of it and the starting dose is
        /// shorter. The starting dose is the catalogue's, with stretch holds in the range for the person's age
        /// (<see cref="DoseLadder.StartingDose"/>).
        /// </summary>
        private (Dose Dose, DoseOrigin Origin) BaseDose(Exercise e)
        {
            var starting = DoseLadder.StartingDose(e, age);
            if (currentDoses is null || !currentDoses.TryGetValue(e.Id, out var current) || current is null)
            {
                return (starting, DoseOrigin.CatalogueDefault);
            }
            if (gentle && RoutineClock.DoseSeconds(starting) < RoutineClock.DoseSeconds(current))
            {
                return (starting, DoseOrigin.CatalogueDefault);
            }
            return (current, DoseOrigin.Current);
        }
    }
}
