using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>The four parts of a routine, in the order they are done.</summary>
public enum RoutinePart { WarmUp, MobilityAndStretching, Strengthening, CoolDown }

/// <summary>Whether a plan was made. A closed set: every switch over it is complete.</summary>
public enum PlanOutcome
{
    /// <summary>A routine was planned.</summary>
    Planned,

    /// <summary>The safety decision says no routine: the message is the gate's reason.</summary>
    Withheld,

    /// <summary>No exercise fits the positions, equipment and limitations given: the message says what would help.</summary>
    NothingFits,
}

/// <summary>How the routine's time compares with the minutes chosen. A closed set.</summary>
public enum TimeFit
{
    /// <summary>Within ±10 % of the minutes chosen.</summary>
    WithinTenPercent,

    /// <summary>Shorter: too few exercises fit the person's positions and equipment; <see cref="Routine.Notes"/> says why.</summary>
    Shorter,

    /// <summary>Longer: the fewest exercises that still mix stretching, mobility and strength take more time; <see cref="Routine.Notes"/> says so.</summary>
    Longer,
}

/// <summary>Where an item's dose came from.</summary>
public enum DoseOrigin
{
    /// <summary>The catalogue's default dose (stretch holds brought into the range for the person's age).</summary>
    CatalogueDefault,

    /// <summary>The person's current dose, from adaptation.</summary>
    Current,

    /// <summary>The dose a coach set (<see cref="Prescription"/>), before any adaptation.</summary>
    Prescribed,
}

/// <summary>
/// One exercise in a routine.
/// </summary>
/// <param name="ExerciseId">The catalogue id.</param>
/// <param name="Part">The part of the routine it belongs to.</param>
/// <param name="Dose">What to do. Equal to <paramref name="BaseDose"/> unless reps, rounds or sets were changed to fit the minutes.</param>
/// <param name="BaseDose">The catalogue default or the current dose, as <paramref name="Origin"/> says.</param>
/// <param name="Origin">Where <paramref name="BaseDose"/> came from.</param>
/// <param name="Seconds">Time for the dose plus the transition into it (<see cref="RoutineClock"/>).</param>
/// <param name="Reason">Why it was chosen, in plain words tied to the profile.</param>
public sealed record PlannedExercise(
    string ExerciseId, RoutinePart Part, Dose Dose, Dose BaseDose, DoseOrigin Origin, int Seconds, string Reason)
{
    /// <summary>True when the planner changed reps, rounds or sets to fit the minutes chosen.</summary>
    public bool FittedToTime => Dose != BaseDose;

    /// <summary>In coaching mode, the coach's note for this exercise (<see cref="Prescription.Note"/>); else null.</summary>
    public string? CoachNote { get; init; }
}

/// <summary>One part of a routine and its exercises, in order; a part may be empty (no cool-down in 5 minutes).</summary>
public sealed record RoutineSection(RoutinePart Part, IReadOnlyList<PlannedExercise> Items);

/// <summary>
/// Today's routine: four parts, their total time and how it fits the minutes chosen. <paramref name="Notes"/> says,
/// in plain words, whenever the routine is shorter or longer than the minutes chosen or lacks a kind of exercise.
/// </summary>
public sealed record Routine(
    DateOnly Date,
    int Session,
    int TargetMinutes,
    int TotalSeconds,
    TimeFit Fit,
    IReadOnlyList<string> Notes,
    bool GentleOptionsOnly,
    IReadOnlyList<Emphasis> Emphases,
    IReadOnlyList<RoutineSection> Sections)
{
    /// <summary>Every exercise in the order it is done.</summary>
    public IEnumerable<PlannedExercise> Items => Sections.SelectMany(s => s.Items);
}

/// <summary>The planner's answer: a routine, or why there is none.</summary>
public sealed record RoutinePlan(PlanOutcome Outcome, Routine? Routine, string Message);

/// <summary>A desk break: one to three chair or standing exercises, 1–3 minutes in all.</summary>
public sealed record MicroRoutine(IReadOnlyList<PlannedExercise> Items, int TotalSeconds);

/// <summary>The desk breaks for a day, or why there are none.</summary>
public sealed record DeskBreakPlan(PlanOutcome Outcome, IReadOnlyList<MicroRoutine> Breaks, string Message);

/// <summary>What the profile asks the plan to lean towards.</summary>
public enum Emphasis { TightAreas, LongSitting, Running, Lifting, MorningStiffness, StandingWork, Evenings }
