using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>An exercise being placed in a routine, with the dose it has reached while fitting the minutes.</summary>
internal sealed class Draft(Candidate candidate, RoutinePart part, Dose baseDose, DoseOrigin origin)
{
    public Exercise Exercise => Candidate.Exercise;
    public Candidate Candidate { get; } = candidate;
    public RoutinePart Part { get; } = part;
    public Dose BaseDose { get; } = baseDose;
    public DoseOrigin Origin { get; } = origin;
    public Dose Dose { get; set; } = baseDose;
    public int Seconds => RoutineClock.DoseSeconds(Dose);
}

/// <summary>
/// Changes reps, rounds and sets, one small step at a time, to bring a routine close to its minutes. The limits keep
/// doses sensible: a stretch is held 2–4 times (ACSM), strength work is only ever made smaller than its base dose
/// (progression is the adaptation rules' job, safety.md section 5), gentle mobility goes from half to one and a half
/// times its reps, and timed drills, breathing and rolling from half to twice their time in 5-second steps.
/// A current dose (<see cref="DoseOrigin.Current"/>) is a ceiling: it is the most the person does now, as adaptation
/// set it, so fitting only ever makes it smaller (after a step back, a stretch must not climb back to 4 holds).
/// </summary>
internal static class DoseFitting
{
    private const int DurationStep = 5;

    /// <summary>The routine's time: every dose plus a transition between exercises.</summary>
    public static int Total(IReadOnlyList<Draft> drafts)
    {
        var total = 0;
        foreach (var d in drafts)
        {
            total += d.Seconds;
        }
        return total + Math.Max(0, drafts.Count - 1) * RoutineClock.TransitionSeconds;
    }

    /// <summary>The shortest the exercise can be made.</summary>
    public static int MinSeconds(Exercise e, Dose baseDose)
    {
        var dose = baseDose;
        while (Step(e, baseDose, dose, -1, sets: true) is { } fewer)
        {
            dose = fewer;
        }
        while (Step(e, baseDose, dose, -1, sets: false) is { } smaller)
        {
            dose = smaller;
        }
        return RoutineClock.DoseSeconds(dose);
    }

    /// <summary>Takes the single step that brings the total closest to the target until none helps or it is within 3 %.</summary>
    public static void Climb(IReadOnlyList<Draft> drafts, int target)
    {
        var total = Total(drafts);
        var closeEnough = target * 3 / 100;
        while (Math.Abs(total - target) > closeEnough)
        {
            var bestError = Math.Abs(total - target);
            Draft? bestDraft = null;
            Dose? bestDose = null;
            var bestTotal = total;
            var direction = total < target ? 1 : -1;
            foreach (var draft in drafts)
            {
                foreach (var sets in (ReadOnlySpan<bool>)[false, true])
                {
                    if (Step(draft.Exercise, draft.BaseDose, draft.Dose, direction, sets, ceiling: draft.Origin == DoseOrigin.Current) is not { } next)
                    {
                        continue;
                    }
                    var newTotal = total - draft.Seconds + RoutineClock.DoseSeconds(next);
                    var error = Math.Abs(newTotal - target);
                    if (error < bestError)
                    {
                        (bestError, bestDraft, bestDose, bestTotal) = (error, draft, next, newTotal);
                    }
                }
            }
            if (bestDraft is null)
            {
                return;
            }
            bestDraft.Dose = bestDose!;
            total = bestTotal;
        }
    }

    /// <summary>
    /// One step up (+1) or down (-1) of the reps or duration, or of the sets; null when at a limit. With
    /// <paramref name="ceiling"/>, nothing goes above the base dose.
    /// </summary>
    public static Dose? Step(Exercise e, Dose baseDose, Dose dose, int direction, bool sets, bool ceiling = false)
    {
        if (sets)
        {
            // Sets only come down from the base dose, and go back up to it.
            var baseSets = baseDose.Sets ?? 1;
            var current = dose.Sets ?? 1;
            var next = current + direction;
            return baseSets > 1 && next >= 1 && next <= baseSets ? dose with { Sets = next } : null;
        }
        var strength = e.Kind == ExerciseKind.Strength;
        if (dose.DurationSeconds is { } duration)
        {
            var baseDuration = baseDose.DurationSeconds ?? duration;
            var low = Math.Max(DurationStep, baseDuration / 2 / DurationStep * DurationStep);
            var high = strength || ceiling ? baseDuration : baseDuration * 2;
            var next = duration + direction * DurationStep;
            return next >= low && next <= high ? dose with { DurationSeconds = next } : null;
        }
        var baseReps = baseDose.Reps ?? 1;
        var reps = dose.Reps ?? 1;
        var (min, max) = e.Kind switch
        {
            ExerciseKind.Stretch => (Math.Min(2, baseReps), Math.Max(4, baseReps)),
            ExerciseKind.Strength => (Math.Max(1, (baseReps + 1) / 2), baseReps),
            ExerciseKind.Mobility or ExerciseKind.WarmUp or ExerciseKind.SelfMassage or ExerciseKind.Breathing =>
                (Math.Max(1, (baseReps + 1) / 2), Math.Max(baseReps, (baseReps * 3 + 1) / 2)),
        };
        var nextReps = reps + direction;
        return nextReps >= min && nextReps <= (ceiling ? Math.Min(max, baseReps) : max) ? dose with { Reps = nextReps } : null;
    }
}
