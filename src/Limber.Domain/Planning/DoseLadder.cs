using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Limber.Domain.Catalogue;
using Limber.Domain.Safety;

namespace Limber.Domain.Planning;

/// <summary>
/// The doses one exercise moves along, easiest first. Level 0 is the default rung; negative levels are the
/// regressions below it and positive levels the progressions above it. Each rung changes one variable of its
/// neighbour and takes longer by <see cref="RoutineClock.DoseSeconds"/> than the rung below.
/// </summary>
public sealed record DoseLadderRungs(IReadOnlyList<Dose> Rungs, int DefaultIndex)
{
    /// <summary>True when level 0 is a coach's dose (<see cref="Prescription"/>) and the top rung is within the coach's limit.</summary>
    public bool Prescribed { get; init; }

    /// <summary>The easiest level (0 or below).</summary>
    public int MinLevel => -DefaultIndex;

    /// <summary>The hardest level (0 or above).</summary>
    public int MaxLevel => Rungs.Count - 1 - DefaultIndex;

    /// <summary>The dose at a level; levels beyond either end give that end.</summary>
    public Dose At(int level) => Rungs[Math.Clamp(level, MinLevel, MaxLevel) + DefaultIndex];

    /// <summary>True at the hardest rung: more comes from the harder variant, not from this exercise's dose.</summary>
    public bool IsTop(int level) => level >= MaxLevel;
}

/// <summary>
/// Builds an exercise's <see cref="DoseLadderRungs"/> from its catalogue dose and the person's age (safety.md section 5,
/// pragmatic). Deterministic: the same exercise, age and settings always give the same rungs.
/// </summary>
/// <remarks>
/// <para>
/// Level 0 is the catalogue dose, except that a stretch's hold is brought into the ACSM range for the age
/// (<see cref="StretchHold.SecondsFor"/>): an older adult's 20-second hold becomes 30 seconds. This is how the
/// 30–60-second holds for older adults reach the routine.
/// </para>
/// <para>
/// Upward, one variable per rung, in this order (each about 10–20 %, or a step safety.md names):
/// holds — a stretch's by <see cref="ProgressionSettings.HoldStepSeconds"/> up to the age's maximum
/// (<see cref="DoseProgression.NextHoldSeconds"/>), a strength hold (a plank, a bird dog) by 5 seconds up to twice the
/// default and at most 60 seconds, the last step clipped to that limit; then repetitions one at a time — a stretch up to
/// <see cref="StretchHold.MaximumRepetitions"/>, anything else with more than one repetition up to one and a half times
/// the default rounded down (at least one more), and a single repetition stays single; then timed doses by 5 seconds
/// up to twice the default (stretch, strength) or one and a half times (mobility, warm-up, breathing, self-massage);
/// then, for strength work already done in sets, one more set up to <see cref="StrengthSetsMaximum"/> (a second set of
/// a single-set exercise would double it, far beyond 10–20 %). Mobility, warm-up, breathing and
/// self-massage grow only in repetitions or time.
/// </para>
/// <para>
/// Downward, in this order: sets one at a time down to 1; repetitions one at a time down to half the default
/// rounded up (at least 1; a stretch keeps at least <see cref="StretchHold.MinimumRepetitions"/> unless its default has
/// fewer); holds by 5 seconds, a stretch's down to <see cref="StretchHold.MinimumSeconds"/> (below the older-adult
/// range, which a step back may go), a strength hold down to half (at least 5 seconds); timed doses by 5 seconds down
/// to half (at least 5 seconds). Sides, directions and rests never change.
/// </para>
/// <para>
/// A step that would not make the dose take longer (upward) or shorter (downward) by the clock is not a rung: that
/// variable stops there and the next one is tried. It matters for a strength hold with long rests between sets, where
/// one set is timed with rests between every hold and so would take longer than two sets.
/// </para>
/// </remarks>
public static class DoseLadder
{
    /// <summary>Strength work grows to at most this many sets.</summary>
    public const int StrengthSetsMaximum = 3;

    /// <summary>A strength hold grows to at most this many seconds.</summary>
    public const int StrengthHoldMaximumSeconds = 60;

    /// <summary>Seconds added or taken away per rung for strength holds, timed doses and every step back in a hold.</summary>
    public const int StepSeconds = 5;

    /// <summary>A step back never makes a hold or a timed dose shorter than this.</summary>
    private const int ShortestSeconds = 5;

    // A catalogue has a few hundred exercises; exercises made up elsewhere (tests) are not kept past this many.
    private const int MostKept = 4096;

    /// <summary>
    /// Catalogue ladders already built, by settings (kept only while the settings are), then by exercise (the same
    /// instance) and the age's years.
    /// </summary>
    private static readonly ConditionalWeakTable<ProgressionSettings, ConcurrentDictionary<(Exercise Exercise, int Years), DoseLadderRungs>> Built = [];

    /// <summary>The exercise's ladder, level 0 being its starting dose (<see cref="StartingDose"/>).</summary>
    /// <param name="exercise">The catalogue exercise.</param>
    /// <param name="age">The person's age, for stretch holds; null counts as under <see cref="ProgressionSettings.OlderAdultAge"/>.</param>
    /// <param name="settings">The dose rules' settings; <see cref="ProgressionSettings.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Settings out of their allowed ranges.</exception>
    public static DoseLadderRungs For(Exercise exercise, int? age, ProgressionSettings? settings = null) =>
        For(exercise, age, settings, null);

    /// <summary>
    /// The exercise's ladder. With a coach's <paramref name="prescription"/>, level 0 is the coach's dose as given (a
    /// stretch hold is not moved into the range for the age: the coach chose it), the rungs below and above are built
    /// from it in the same way as from a catalogue dose, and only the first <see cref="Prescription.MaxLevelsUp"/> rungs
    /// above are kept. Without one, the same as <see cref="For(Exercise, int?, ProgressionSettings?)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Settings out of their allowed ranges, or a prescription that does not fit the exercise (<see cref="Prescription.Problems"/>).
    /// </exception>
    public static DoseLadderRungs For(Exercise exercise, int? age, ProgressionSettings? settings, Prescription? prescription)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var s = settings ?? ProgressionSettings.Default;
        // A catalogue ladder depends only on the exercise, the age's holds and the settings, all of them immutable, so
        // one built before is given again (only ladders built without an error are kept).
        var cached = prescription is null && age is not < 0 ? Built.GetValue(s, _ => new(SameExercise.Instance)) : null;
        var key = (exercise, age ?? s.OlderAdultAge - 1);
        if (cached is not null && cached.TryGetValue(key, out var known))
        {
            return known;
        }
        var ladder = Build(exercise, age, s, prescription);
        if (cached is not null && cached.Count < MostKept)
        {
            cached.TryAdd(key, ladder);
        }
        return ladder;
    }

    private static DoseLadderRungs Build(Exercise exercise, int? age, ProgressionSettings settings, Prescription? prescription)
    {
        var s = settings;
        var problems = s.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }
        if (age is { } a)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(a, nameof(age));
        }
        if (prescription is not null && prescription.Problems(exercise) is { Count: > 0 } wrong)
        {
            throw new ArgumentException(
                $"The prescription does not fit {exercise.Id}: {string.Join("; ", wrong)}.", nameof(prescription));
        }
        // Without an age, the holds of someone under OlderAdultAge.
        var years = age ?? s.OlderAdultAge - 1;

        var kind = exercise.Kind;
        var start = prescription?.Dose ?? Default(exercise, years, s);
        var down = Walk(start, -1, Regressions(kind, start));
        var up = Walk(start, +1, Progressions(kind, start, years, s));
        if (prescription is not null && up.Count > prescription.MaxLevelsUp)
        {
            up.RemoveRange(prescription.MaxLevelsUp, up.Count - prescription.MaxLevelsUp);
        }

        var rungs = new List<Dose>(down.Count + 1 + up.Count);
        down.Reverse();
        rungs.AddRange(down);
        rungs.Add(start);
        rungs.AddRange(up);
        return new DoseLadderRungs(rungs.AsReadOnly(), down.Count) { Prescribed = prescription is not null };
    }

    /// <summary>
    /// The starting dose (level 0): the catalogue dose, with a stretch's hold brought into the ACSM range for the age
    /// (30–60 s from <see cref="ProgressionSettings.OlderAdultAge"/>). The planner starts everyone here.
    /// </summary>
    public static Dose StartingDose(Exercise exercise, int? age, ProgressionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var s = settings ?? ProgressionSettings.Default;
        if (exercise.Kind != ExerciseKind.Stretch || exercise.Dose.HoldSeconds is null)
        {
            return exercise.Dose;
        }
        return Default(exercise, age ?? s.OlderAdultAge - 1, s);
    }

    /// <summary>The catalogue dose, with a stretch's hold brought into the ACSM range for the age.</summary>
    private static Dose Default(Exercise exercise, int years, ProgressionSettings s)
    {
        var dose = exercise.Dose;
        if (exercise.Kind == ExerciseKind.Stretch && dose.HoldSeconds is { } hold)
        {
            var (minimum, maximum) = StretchHold.SecondsFor(years, s);
            return dose with { HoldSeconds = Math.Clamp(hold, minimum, maximum) };
        }
        return dose;
    }

    /// <summary>One variable's next value from the current dose; null at its limit.</summary>
    private delegate Dose? Step(Dose dose);

    /// <summary>Applies each variable's steps in turn while each step moves the time the right way.</summary>
    private static List<Dose> Walk(Dose start, int direction, IEnumerable<Step> variables)
    {
        var rungs = new List<Dose>();
        var current = start;
        foreach (var step in variables)
        {
            while (step(current) is { } next
                && Math.Sign(RoutineClock.DoseSeconds(next) - RoutineClock.DoseSeconds(current)) == direction)
            {
                rungs.Add(next);
                current = next;
            }
        }
        return rungs;
    }

    private static IEnumerable<Step> Progressions(ExerciseKind kind, Dose start, int years, ProgressionSettings s)
    {
        var timed = start.DurationSeconds is not null;
        var (holds, reps, sets, timeFactor) = kind switch
        {
            ExerciseKind.Stretch => (true, true, false, 2.0),
            ExerciseKind.Strength => (true, true, true, 2.0),
            ExerciseKind.Mobility or ExerciseKind.WarmUp or ExerciseKind.Breathing or ExerciseKind.SelfMassage => (false, true, false, 1.5),
        };

        // A timed dose's time is its duration: holds and repetitions do not change it.
        if (holds && !timed && start.HoldSeconds is { } hold)
        {
            if (kind == ExerciseKind.Stretch)
            {
                yield return d => DoseProgression.NextHoldSeconds(d.HoldSeconds!.Value, years, s) is var next && next > d.HoldSeconds
                    ? d with { HoldSeconds = next }
                    : null;
            }
            else
            {
                var most = Math.Min(2 * hold, StrengthHoldMaximumSeconds);
                yield return d => d.HoldSeconds < most ? d with { HoldSeconds = Math.Min(d.HoldSeconds.Value + StepSeconds, most) } : null;
            }
        }
        if (reps && !timed && start.Reps is { } r)
        {
            var most = kind == ExerciseKind.Stretch
                ? Math.Max(r, StretchHold.MaximumRepetitions)
                : r > 1 ? Math.Max(r + 1, r * 3 / 2) : r;
            yield return d => d.Reps < most ? d with { Reps = d.Reps + 1 } : null;
        }
        if (start.DurationSeconds is { } duration)
        {
            var most = (int)(duration * timeFactor);
            yield return d => d.DurationSeconds + StepSeconds <= most ? d with { DurationSeconds = d.DurationSeconds + StepSeconds } : null;
        }
        // Only work already done in sets gets one more: a second set of a single-set exercise would double it.
        if (sets && start.Sets > 1)
        {
            yield return d => (d.Sets ?? 1) < StrengthSetsMaximum ? d with { Sets = (d.Sets ?? 1) + 1 } : null;
        }
    }

    private static IEnumerable<Step> Regressions(ExerciseKind kind, Dose start)
    {
        var timed = start.DurationSeconds is not null;
        yield return d => d.Sets > 1 ? d with { Sets = d.Sets - 1 } : null;

        if (!timed && start.Reps is { } r)
        {
            var fewest = Math.Max(1, (r + 1) / 2);
            if (kind == ExerciseKind.Stretch)
            {
                fewest = Math.Max(fewest, Math.Min(r, StretchHold.MinimumRepetitions));
            }
            yield return d => d.Reps > fewest ? d with { Reps = d.Reps - 1 } : null;
        }
        if (!timed && start.HoldSeconds is { } hold)
        {
            int? shortest = kind switch
            {
                ExerciseKind.Stretch => StretchHold.MinimumSeconds,
                ExerciseKind.Strength => Math.Max(ShortestSeconds, hold / 2),
                ExerciseKind.Mobility or ExerciseKind.WarmUp or ExerciseKind.Breathing or ExerciseKind.SelfMassage => null,
            };
            if (shortest is { } floor)
            {
                yield return d => d.HoldSeconds - StepSeconds >= floor ? d with { HoldSeconds = d.HoldSeconds - StepSeconds } : null;
            }
        }
        if (start.DurationSeconds is { } duration)
        {
            var shortest = Math.Max(ShortestSeconds, duration / 2);
            yield return d => d.DurationSeconds - StepSeconds >= shortest ? d with { DurationSeconds = d.DurationSeconds - StepSeconds } : null;
        }
    }

    /// <summary>The same exercise instance and years: a catalogue's exercises are built once and never change.</summary>
    private sealed class SameExercise : IEqualityComparer<(Exercise Exercise, int Years)>
    {
        public static readonly SameExercise Instance = new();

        public bool Equals((Exercise Exercise, int Years) x, (Exercise Exercise, int Years) y) =>
            ReferenceEquals(x.Exercise, y.Exercise) && x.Years == y.Years;

        public int GetHashCode((Exercise Exercise, int Years) key) => HashCode.Combine(RuntimeHelpers.GetHashCode(key.Exercise), key.Years);
    }
}
