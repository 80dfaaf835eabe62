using Limber.Domain.Catalogue;
using Limber.Domain.Planning;

namespace Limber.Domain.Coaching;

/// <summary>
/// Plans today's routine in coaching mode: the exercises a coach chose (<see cref="Prescription"/>), in the coach's
/// order, at the coach's dose or the dose adaptation has reached since. Safety still rules: nothing is planned without
/// a <see cref="SafetyDecision"/>, a withheld decision plans nothing, gentle options first keeps only the gentle
/// (difficulty 1) exercises at doses no larger than the catalogue's, and an exercise the person's profile rules out is
/// left out, whoever chose it. Pure: the same inputs always give the same plan.
/// </summary>
/// <remarks>
/// <para>
/// Each item goes in the part of the routine its kind belongs to: warm-up drills in the warm-up, strength work in
/// strengthening, everything else (stretches, mobility, self-massage, breathing) in mobility and stretching; the
/// cool-down stays empty. Within each part the coach's order is kept.
/// </para>
/// <para>
/// The dose is the current dose from adaptation (<paramref name="currentDoses"/> in <see cref="Today"/>) when there is
/// one, else the coach's. Under gentle options first, an item of difficulty 2 or 3 is replaced by the first of its easier
/// variants (<see cref="Exercise.Easier"/>) that is in the catalogue, has difficulty 1 and that the person can do, at that
/// variant's starting dose (<see cref="DoseLadder.StartingDose"/>); without one it is left out. Every dose is then no
/// larger than the exercise's starting dose in any of hold, repetitions, sets and time (a larger value is brought down
/// to the starting dose's).
/// </para>
/// <para>
/// An item is left out, with a note in plain words naming the exercise and why, when its exercise is no longer in the
/// catalogue, when its prescription no longer fits the exercise (<see cref="Prescription.Problems"/>), when a skip
/// condition of the exercise applies to the person, a start position is one they cannot get into or a piece of
/// equipment is one they do not have (as in <see cref="RoutinePlanner"/>), and when the same exercise is already in
/// the routine. The self-guided planner's own leanings do not apply (an older adult is not kept from the most demanding
/// exercises, the minutes the person chose neither shorten nor lengthen the routine): the coach chose them.
/// </para>
/// </remarks>
public static class CoachedRoutinePlanner
{
    /// <summary>The reason every coached item gives.</summary>
    public const string CoachChose = "Your coach chose this.";

    /// <summary>Today's routine from the coach's program.</summary>
    /// <param name="items">The coach's program, in the coach's order.</param>
    /// <param name="profile">The person's profile: its positions, equipment and limitations leave exercises out.</param>
    /// <param name="catalogue">The exercise catalogue.</param>
    /// <param name="date">The day planned for.</param>
    /// <param name="safety">The routine gate's decision; <see cref="SafetyDecisionKind.NoRoutine"/> plans nothing.</param>
    /// <param name="currentDoses">
    /// The person's current dose per exercise id, from adaptation with the same prescriptions
    /// (<see cref="DoseAdaptation.Replay"/>); the coach's dose otherwise.
    /// </param>
    public static RoutinePlan Today(IReadOnlyList<Prescription> items, PlannerProfile profile, ExerciseCatalogue catalogue,
        DateOnly date, SafetyDecision safety, IReadOnlyDictionary<string, Dose>? currentDoses = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(safety);
        profile.Validate();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        var gentle = safety.GentleOnly;
        if (gentle is not { } isGentle)
        {
            return new RoutinePlan(PlanOutcome.Withheld, null, safety.Reason);
        }
        if (items.Count == 0)
        {
            return new RoutinePlan(PlanOutcome.NothingFits, null,
                "Your coach has not chosen any exercises for you yet. Your routine appears here once they have.");
        }

        var skip = profile.SkipConditions();
        var notes = new List<string>();
        var chosen = new List<PlannedExercise>(items.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (Choose(item, profile, skip, catalogue, isGentle, currentDoses, used, notes) is { } planned)
            {
                chosen.Add(planned);
                used.Add(planned.ExerciseId);
            }
        }
        if (chosen.Count == 0)
        {
            return new RoutinePlan(PlanOutcome.NothingFits, null,
                $"None of the exercises your coach chose can go in today's routine. {string.Join(" ", notes)} Ask your coach to adjust your program.");
        }

        // Parts in routine order; OrderBy is stable, so the coach's order stays within each part.
        var ordered = chosen.OrderBy(p => p.Part).ToList();
        var timed = new List<PlannedExercise>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var seconds = RoutineClock.DoseSeconds(ordered[i].Dose) + (i == 0 ? 0 : RoutineClock.TransitionSeconds);
            timed.Add(ordered[i] with { Seconds = seconds });
        }
        var sections = Enum.GetValues<RoutinePart>()
            .Select(part => new RoutineSection(part, timed.Where(p => p.Part == part).ToArray()))
            .ToArray();
        var total = timed.Sum(p => p.Seconds);
        var minutes = (total + 59) / 60;
        var routine = new Routine(date, 1, minutes, total, TimeFit.WithinTenPercent, notes, isGentle, [], sections);
        return new RoutinePlan(PlanOutcome.Planned, routine,
            $"Today's routine from your coach: about {(minutes == 1 ? "1 minute" : $"{minutes} minutes")}.");
    }

    /// <summary>The item as it goes in today's routine (seconds not yet counted), or null with a note saying why not.</summary>
    private static PlannedExercise? Choose(Prescription item, PlannerProfile profile, IReadOnlySet<SkipCondition> skip,
        ExerciseCatalogue catalogue, bool gentle, IReadOnlyDictionary<string, Dose>? currentDoses, HashSet<string> used,
        List<string> notes)
    {
        if (catalogue.Find(item.ExerciseId) is not { } exercise)
        {
            notes.Add($"\"{item.ExerciseId}\" is left out: it is no longer in the exercise library. Ask your coach to choose another exercise.");
            return null;
        }
        if (item.Problems(exercise).Count > 0)
        {
            notes.Add($"{exercise.Name} is left out: the dose your coach set no longer matches how the exercise is done. Ask your coach to update it.");
            return null;
        }
        var note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim();

        if (gentle && exercise.Difficulty > 1)
        {
            return Gentler(exercise, note, profile, skip, catalogue, used, notes);
        }
        if (Preferences.FindObstacle(profile, skip, exercise) is { } obstacle)
        {
            notes.Add($"{exercise.Name} is left out: {Words(obstacle)}.");
            return null;
        }
        if (used.Contains(exercise.Id))
        {
            notes.Add($"{exercise.Name} is in your program more than once, so it is done once.");
            return null;
        }

        var (dose, origin) = currentDoses is not null && currentDoses.TryGetValue(exercise.Id, out var current) && current is not null
            ? (current, DoseOrigin.Current)
            : (item.Dose, DoseOrigin.Prescribed);
        var reason = CoachChose;
        if (gentle)
        {
            var starting = DoseLadder.StartingDose(exercise, profile.Age);
            var capped = NoLargerThan(dose, starting);
            if (capped != dose)
            {
                (dose, origin) = (capped, capped == starting ? DoseOrigin.CatalogueDefault : origin);
            }
            reason += " It is one of the gentle options, which come first after your last check.";
        }
        return new PlannedExercise(exercise.Id, PartOf(exercise.Kind), dose, dose, origin, 0, reason) { CoachNote = note };
    }

    /// <summary>Under gentle options first: the first gentle easier variant the person can do, at its starting dose.</summary>
    private static PlannedExercise? Gentler(Exercise exercise, string? note, PlannerProfile profile, IReadOnlySet<SkipCondition> skip,
        ExerciseCatalogue catalogue, HashSet<string> used, List<string> notes)
    {
        Exercise? taken = null;
        foreach (var id in exercise.Easier)
        {
            if (catalogue.Find(id) is not { Difficulty: 1 } variant || Preferences.FindObstacle(profile, skip, variant) is not null)
            {
                continue;
            }
            if (used.Contains(variant.Id))
            {
                taken ??= variant;
                continue;
            }
            var dose = DoseLadder.StartingDose(variant, profile.Age);
            var reason = $"Your coach chose {exercise.Name}; this gentler version of it comes first after your last check.";
            return new PlannedExercise(variant.Id, PartOf(variant.Kind), dose, dose, DoseOrigin.CatalogueDefault, 0, reason) { CoachNote = note };
        }
        notes.Add(taken is not null
            ? $"{exercise.Name} is left out for now: after your last check only the gentle options come first, and its gentler version, {taken.Name}, is already in today's routine."
            : $"{exercise.Name} is left out for now: after your last check only the gentle options come first, and it has no gentle version you can do.");
        return null;
    }

    /// <summary>
    /// The dose with each of hold, repetitions, sets and time no larger than the starting dose's; the starting dose
    /// itself when the two are not made of the same variables.
    /// </summary>
    internal static Dose NoLargerThan(Dose dose, Dose starting)
    {
        if (dose.HoldSeconds is null != starting.HoldSeconds is null
            || dose.Reps is null != starting.Reps is null
            || dose.DurationSeconds is null != starting.DurationSeconds is null)
        {
            return starting;
        }
        var sets = Math.Min(dose.Sets ?? 1, starting.Sets ?? 1);
        return starting with
        {
            HoldSeconds = Min(dose.HoldSeconds, starting.HoldSeconds),
            Reps = Min(dose.Reps, starting.Reps),
            DurationSeconds = Min(dose.DurationSeconds, starting.DurationSeconds),
            // No sets and one set are the same; keep the starting dose's way of writing it.
            Sets = starting.Sets is null && sets == 1 ? null : sets,
        };

        static int? Min(int? a, int? b) => a is { } x && b is { } y ? Math.Min(x, y) : null;
    }

    private static RoutinePart PartOf(ExerciseKind kind) => kind switch
    {
        ExerciseKind.WarmUp => RoutinePart.WarmUp,
        ExerciseKind.Strength => RoutinePart.Strengthening,
        ExerciseKind.Stretch or ExerciseKind.Mobility or ExerciseKind.SelfMassage or ExerciseKind.Breathing => RoutinePart.MobilityAndStretching,
    };

    /// <summary>Completes "… is left out: ".</summary>
    private static string Words(Obstacle obstacle) =>
        obstacle.Condition is { } condition ? $"it is not advised when {Words(condition)}"
        : obstacle.Position is { } position ? $"it starts {Words(position)}, a position you said you cannot get into"
        : obstacle.Equipment is { } equipment ? $"it needs {Words(equipment)}, which is not in the equipment you listed"
        : "it does not fit your profile";

    private static string Words(SkipCondition condition) => condition switch
    {
        SkipCondition.CannotGetDownToFloor => "you cannot get down to the floor and up again",
        SkipCondition.CannotKneel => "you cannot kneel",
        SkipCondition.CannotStandUnsupported => "you cannot stand without support",
        SkipCondition.PoorBalance => "your balance is unsteady",
        SkipCondition.WristPain => "your wrists hurt when you lean on your hands",
        SkipCondition.KneePain => "your knees hurt when you kneel or bend them deeply",
        SkipCondition.CannotJumpOrRun => "you cannot jump or run",
        SkipCondition.HipReplacement => "you have had a hip replaced, until your surgeon or physiotherapist says it is fine",
        SkipCondition.Pregnancy => "you are pregnant, until your midwife or doctor says it is fine",
    };

    private static string Words(StartPosition position) => position switch
    {
        StartPosition.Standing => "standing",
        StartPosition.Seated => "sitting in a chair",
        StartPosition.LyingBack => "lying on your back",
        StartPosition.LyingFront => "lying on your front",
        StartPosition.LyingSide => "lying on your side",
        StartPosition.Kneeling => "kneeling",
        StartPosition.HalfKneeling => "kneeling on one knee",
        StartPosition.AllFours => "on your hands and knees",
    };

    private static string Words(Equipment equipment) => equipment switch
    {
        Equipment.Chair => "a chair",
        Equipment.Wall => "a wall",
        Equipment.Mat => "a mat",
        Equipment.Pillow => "a pillow",
        Equipment.Towel => "a towel",
        Equipment.FoamRoller => "a foam roller",
        Equipment.Step => "a step",
    };
}
