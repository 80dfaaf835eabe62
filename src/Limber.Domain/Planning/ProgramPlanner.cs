using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>The stages of the six-week program. A closed set.</summary>
public enum ProgramStage
{
    /// <summary>Weeks 1–2: learn the moves at the catalogue's default doses, easier variants favoured.</summary>
    LearnTheMoves,

    /// <summary>Weeks 3–4: the doses adaptation has reached, any variant.</summary>
    Build,

    /// <summary>Weeks 5–6: keep what was built, harder variants favoured where they fit.</summary>
    Consolidate,
}

/// <summary>Where today falls in the program. A closed set.</summary>
public enum ProgramStatus { NotStarted, InProgress, Finished }

/// <summary>One day of the program and its routine (the day's first session).</summary>
public sealed record ProgramDay(DateOnly Date, RoutinePlan Routine);

/// <summary>One week of the program.</summary>
public sealed record ProgramWeek(int Number, ProgramStage Stage, string Focus, DateOnly Starts, DateOnly Ends, IReadOnlyList<ProgramDay> Days);

/// <summary>
/// A six-week program from a start date, with where the person is today. <see cref="Weeks"/> is empty when the
/// safety decision withholds routines (<see cref="Outcome"/> is then <see cref="PlanOutcome.Withheld"/> and
/// <see cref="Message"/> is the gate's reason).
/// </summary>
public sealed record SixWeekProgram(
    PlanOutcome Outcome,
    string Message,
    DateOnly Start,
    DateOnly Today,
    ProgramStatus Status,
    int? CurrentWeek,
    int? CurrentDay,
    ProgramStage? CurrentStage,
    IReadOnlyList<ProgramWeek> Weeks)
{
    /// <summary>Today's day of the program, when it is running.</summary>
    public ProgramDay? TodaysDay => CurrentWeek is { } w && CurrentDay is { } d && Weeks.Count > 0 ? Weeks[w - 1].Days[(d - 1) % 7] : null;
}

/// <summary>Plans six weeks in three stages (product.md part 4): learn the moves, build, consolidate.</summary>
public static class ProgramPlanner
{
    public const int Weeks = 6;
    public const int DaysPerWeek = 7;

    public static ProgramStage StageOf(int week) => week switch
    {
        1 or 2 => ProgramStage.LearnTheMoves,
        3 or 4 => ProgramStage.Build,
        5 or 6 => ProgramStage.Consolidate,
        _ => throw new ArgumentOutOfRangeException(nameof(week), week, "a program has weeks 1 to 6"),
    };

    public static string Focus(ProgramStage stage) => stage switch
    {
        ProgramStage.LearnTheMoves => "Learn the moves: the default doses and the easier variants, so each exercise feels familiar.",
        ProgramStage.Build => "Build: your doses grow as your feedback allows, a step at a time.",
        ProgramStage.Consolidate => "Consolidate: keep what you have built and try the harder variants where they suit you.",
    };

    /// <param name="profile">The person's profile.</param>
    /// <param name="catalogue">The exercise catalogue.</param>
    /// <param name="start">The program's first day.</param>
    /// <param name="today">Today, to say where the person is.</param>
    /// <param name="safety">The routine gate's decision; <see cref="SafetyDecisionKind.NoRoutine"/> plans nothing.</param>
    /// <param name="currentDoses">Current doses from adaptation, used from week 3 (weeks 1–2 use the defaults).</param>
    public static SixWeekProgram SixWeeks(PlannerProfile profile, ExerciseCatalogue catalogue, DateOnly start, DateOnly today,
        SafetyDecision safety, IReadOnlyDictionary<string, Dose>? currentDoses = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(safety);
        profile.Validate();

        var day = today.DayNumber - start.DayNumber;
        var (status, week, dayOfProgram) = day switch
        {
            < 0 => (ProgramStatus.NotStarted, (int?)null, (int?)null),
            >= Weeks * DaysPerWeek => (ProgramStatus.Finished, null, null),
            _ => (ProgramStatus.InProgress, day / DaysPerWeek + 1, day + 1),
        };
        ProgramStage? stage = week is { } w ? StageOf(w) : null;

        var withheld = safety.Kind switch
        {
            SafetyDecisionKind.Continue or SafetyDecisionKind.GentleOptionsFirst => false,
            SafetyDecisionKind.NoRoutine => true,
        };
        if (withheld)
        {
            return new SixWeekProgram(PlanOutcome.Withheld, safety.Reason, start, today, status, week, dayOfProgram, stage, []);
        }

        var weeks = new List<ProgramWeek>(Weeks);
        var nothingFits = false;
        for (var n = 1; n <= Weeks; n++)
        {
            var weekStage = StageOf(n);
            var (lean, doses) = weekStage switch
            {
                ProgramStage.LearnTheMoves => (VariantLean.Easier, null),
                ProgramStage.Build => (VariantLean.AsIs, currentDoses),
                ProgramStage.Consolidate => (VariantLean.Harder, currentDoses),
            };
            var starts = start.AddDays((n - 1) * DaysPerWeek);
            var days = new List<ProgramDay>(DaysPerWeek);
            for (var d = 0; d < DaysPerWeek; d++)
            {
                var date = starts.AddDays(d);
                var plan = RoutinePlanner.Plan(profile, catalogue, date, safety, doses, 1, lean);
                nothingFits |= plan.Outcome == PlanOutcome.NothingFits;
                days.Add(new ProgramDay(date, plan));
            }
            weeks.Add(new ProgramWeek(n, weekStage, Focus(weekStage), starts, starts.AddDays(DaysPerWeek - 1), days));
        }

        var message = nothingFits
            ? weeks[0].Days[0].Routine.Message
            : status switch
            {
                ProgramStatus.NotStarted => $"Your program starts on {start:yyyy-MM-dd}.",
                ProgramStatus.InProgress => $"Week {week} of {Weeks}, day {dayOfProgram}. {Focus(stage!.Value)}",
                ProgramStatus.Finished => "You have finished the six weeks. Keep going with your daily routine, or start a new program.",
            };
        return new SixWeekProgram(nothingFits ? PlanOutcome.NothingFits : PlanOutcome.Planned, message, start, today, status, week,
            dayOfProgram, stage, weeks);
    }
}
