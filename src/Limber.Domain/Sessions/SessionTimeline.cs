using Limber.Domain.Catalogue;
using Limber.Domain.Planning;

namespace Limber.Domain.Sessions;

/// <summary>What a step of a session asks the person to do. A closed set: every switch over it is complete.</summary>
public enum StepKind
{
    /// <summary>Get into the exercise's starting position.</summary>
    GetReady,

    /// <summary>Hold a position for the step's seconds.</summary>
    Hold,

    /// <summary>One repetition; or, when the step has no rep number, timed moving work ("keep going").</summary>
    Reps,

    /// <summary>Rest between sets or holds, or ease off and change direction.</summary>
    Rest,

    /// <summary>Change to the other side.</summary>
    SwitchSide,

    /// <summary>Between two exercises: read the next one, get the equipment, change position.</summary>
    Transition,
}

/// <summary>The side that works during a step of a one-sided exercise.</summary>
public enum StepSide { Right, Left }

/// <summary>One step of a session, as the player shows and speaks it.</summary>
/// <param name="Kind">What the step asks.</param>
/// <param name="Seconds">How long it lasts; at least 1.</param>
/// <param name="ExerciseId">The exercise the step belongs to (for a transition, the exercise that comes next).</param>
/// <param name="Side">The working side of a one-sided exercise; null otherwise.</param>
/// <param name="Set">The set, from 1; null for a transition.</param>
/// <param name="Rep">The repetition or hold, from 1, for holds and repetitions; null otherwise.</param>
/// <param name="Text">What to do, in a few words.</param>
/// <param name="Cue">A coaching cue from the exercise, or the instruction to get into position; null when there is none.</param>
public sealed record TimelineStep(
    StepKind Kind, int Seconds, string ExerciseId, StepSide? Side, int? Set, int? Rep, string Text, string? Cue);

/// <summary>An exercise's own steps (starting with getting ready) and the dose they play.</summary>
public sealed record ExerciseSteps(Exercise Exercise, Dose Dose, IReadOnlyList<TimelineStep> Steps)
{
    public int Seconds => Steps.Sum(s => s.Seconds);
}

/// <summary>One exercise of the session, and the easier variant the player may swap to, when one suits the person.</summary>
public sealed record TimelineExercise(RoutinePart Part, ExerciseSteps Planned, ExerciseSteps? Easier);

/// <summary>
/// A routine as the steps the session player plays, in order. Built only from a planned <see cref="Routine"/>, which the
/// planner makes only with a safety decision, so no session starts without one. The steps add up to the routine's
/// time by <see cref="RoutineClock"/>: the "about 10 minutes" that Today promised is the time the player counts down.
/// </summary>
public sealed record SessionTimeline(DateOnly Date, int Session, IReadOnlyList<TimelineStep> Steps, IReadOnlyList<TimelineExercise> Exercises)
{
    public int TotalSeconds => Steps.Sum(s => s.Seconds);

    /// <param name="routine">Today's planned routine.</param>
    /// <param name="catalogue">The catalogue the routine was planned from.</param>
    /// <param name="profile">The person's profile: an easier variant is offered only when it suits it, as the planner would judge.</param>
    /// <param name="currentDoses">The person's current doses: an easier variant done before plays at its current dose.</param>
    public static SessionTimeline Build(
        Routine routine, ExerciseCatalogue catalogue, PlannerProfile profile, IReadOnlyDictionary<string, Dose>? currentDoses = null)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(profile);
        var suits = new Preferences(profile, routine.GentleOptionsOnly, VariantLean.AsIs);
        var inRoutine = routine.Items.Select(i => i.ExerciseId).ToHashSet(StringComparer.Ordinal);
        var exercises = new List<TimelineExercise>();
        var steps = new List<TimelineStep>();
        foreach (var item in routine.Items)
        {
            var exercise = catalogue.Find(item.ExerciseId)
                ?? throw new ArgumentException($"'{item.ExerciseId}' is in the routine but not in the catalogue.", nameof(routine));
            var planned = StepsOf(exercise, item.Dose);
            var easier = exercise.Easier
                .Select(catalogue.Find)
                .FirstOrDefault(e => e is not null && !inRoutine.Contains(e.Id) && suits.CanDo(e));
            exercises.Add(new TimelineExercise(item.Part, planned,
                easier is null ? null : StepsOf(easier, currentDoses?.GetValueOrDefault(easier.Id) ?? DoseLadder.StartingDose(easier, profile.Age))));
            if (steps.Count > 0)
            {
                steps.Add(new TimelineStep(StepKind.Transition, RoutineClock.TransitionSeconds, exercise.Id, null, null, null,
                    $"Next: {exercise.Name}", item.Dose.Describe()));
            }
            steps.AddRange(planned.Steps);
        }
        return new SessionTimeline(routine.Date, routine.Session, steps, exercises);
    }

    /// <summary>
    /// One exercise's steps for a dose. Every second of <see cref="RoutineClock.DoseSeconds"/> lands in a step: the
    /// set-up in getting ready and each side switch, each rest, and the <see cref="RoutineClock.RepTempoSeconds"/> to move
    /// into and out of each repetition, which for holds goes into the pause before each hold, so a hold counts down only
    /// the time held.
    /// </summary>
    public static ExerciseSteps StepsOf(Exercise exercise, Dose dose)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(dose);
        var steps = new List<TimelineStep>();
        var id = exercise.Id;
        var sets = Math.Max(1, dose.Sets ?? 1);
        var reps = Math.Max(1, dose.Reps ?? 1);
        var directions = dose.PerDirection ? 2 : 1;
        var move = RoutineClock.RepTempoSeconds;
        var restsBetweenHolds = dose is { HoldSeconds: not null, Reps: > 1, RestSeconds: > 0, Sets: null or 1 } ? dose.RestSeconds.Value : 0;
        StepSide?[] sides = dose.PerSide ? [StepSide.Right, StepSide.Left] : [null];
        var cue = 0;
        string? NextCue() => exercise.Cues.Count == 0 ? null : exercise.Cues[cue++ % exercise.Cues.Count];

        foreach (var side in sides)
        {
            steps.Add(side == StepSide.Left
                ? new TimelineStep(StepKind.SwitchSide, Dose.SetupSeconds, id, side, 1, null, "Switch to your left side", null)
                : new TimelineStep(StepKind.GetReady, Dose.SetupSeconds, id, side, 1, null,
                    side is null ? "Get into position" : "Get into position, right side first", exercise.Steps.Count > 0 ? exercise.Steps[0] : null));
            for (var set = 1; set <= sets; set++)
            {
                var setRest = set > 1 ? dose.RestSeconds ?? 0 : 0;
                if (dose.DurationSeconds is { } duration)
                {
                    AddRest(steps, id, side, set, setRest, "Rest");
                    steps.Add(new TimelineStep(StepKind.Reps, duration, id, side, set, null, "Keep going", NextCue()));
                    continue;
                }
                for (var direction = 1; direction <= directions; direction++)
                {
                    for (var rep = 1; rep <= reps; rep++)
                    {
                        var other = direction == 2 && rep == 1;
                        if (dose.HoldSeconds is { } hold)
                        {
                            // The pause before each hold carries the time to move into it (and out of the one before).
                            var pause = move + setRest * (direction == 1 && rep == 1 ? 1 : 0) + (rep > 1 ? restsBetweenHolds : 0);
                            var previous = steps[^1];
                            if (previous.Kind is StepKind.GetReady or StepKind.SwitchSide && previous.Set == set)
                            {
                                steps[^1] = previous with { Seconds = previous.Seconds + pause };
                            }
                            else
                            {
                                steps.Add(new TimelineStep(StepKind.Rest, pause, id, side, set, null,
                                    other ? "Ease off, then the other direction" : pause > move ? "Rest" : "Ease off, then back in", null));
                            }
                            steps.Add(new TimelineStep(StepKind.Hold, hold, id, side, set, rep, other ? "Hold, other direction" : "Hold", NextCue()));
                        }
                        else
                        {
                            if (rep == 1 && direction == 1)
                            {
                                AddRest(steps, id, side, set, setRest, "Rest");
                            }
                            steps.Add(new TimelineStep(StepKind.Reps, move, id, side, set, rep,
                                other ? $"Rep 1 of {reps}, other direction" : $"Rep {rep} of {reps}", rep == 1 ? NextCue() : null));
                        }
                    }
                }
            }
        }
        return new ExerciseSteps(exercise, dose, steps);
    }

    private static void AddRest(List<TimelineStep> steps, string id, StepSide? side, int set, int seconds, string text)
    {
        if (seconds > 0)
        {
            steps.Add(new TimelineStep(StepKind.Rest, seconds, id, side, set, null, text, null));
        }
    }
}
