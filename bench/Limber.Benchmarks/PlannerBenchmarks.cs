using BenchmarkDotNet.Attributes;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Domain.Sessions;

namespace Limber.Benchmarks;

/// <summary>
/// Targets (issue 6): today's routine under 1 ms median; a six-week program (42 routines) under 10 ms; on the full catalogue.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PlannerBenchmarks
{
    private static readonly DateOnly Start = new(2026, 3, 2);

    // A desk worker who also runs: several emphases, every position, a chair and a wall, 20 minutes.
    private static readonly PlannerProfile Profile = new()
    {
        TightAreas = [BodyArea.HipFront, BodyArea.LowerBack],
        Triggers = [Trigger.AfterSitting, Trigger.OnWaking],
        SittingHours = 8,
        Running = true,
        Equipment = [Equipment.Chair, Equipment.Wall, Equipment.Towel],
        MinutesPerSession = 20,
        MorningStiffnessMinutes = 30,
    };

    private ExerciseCatalogue _catalogue = null!;
    private SafetyDecision _continue = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalogue = CatalogueBenchmarks.LoadRepositoryCatalogue();
        _continue = SafetyDecision.From(RoutineGate.Evaluate(
            [new GatedScreen(Guid.Empty, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), Disposition.None, null)]));
    }

    /// <summary>Today's routine: filter, score, choose, fit the doses to the minutes.</summary>
    [Benchmark]
    public RoutinePlan TodaysRoutine() => RoutinePlanner.Today(Profile, _catalogue, Start.AddDays(9), _continue);

    /// <summary>Today's routine and then the steps the player plays, with each exercise's easier variant (the timeline API's work).</summary>
    [Benchmark]
    public SessionTimeline TodaysTimeline() =>
        SessionTimeline.Build(RoutinePlanner.Today(Profile, _catalogue, Start.AddDays(9), _continue).Routine!, _catalogue, Profile);

    /// <summary>Three desk breaks for a day.</summary>
    [Benchmark]
    public DeskBreakPlan DeskBreaks() => RoutinePlanner.DeskBreak(Profile, _catalogue, Start.AddDays(9), _continue);

    /// <summary>Six weeks, every day's routine planned, and where today falls.</summary>
    [Benchmark]
    public SixWeekProgram SixWeekProgram() => ProgramPlanner.SixWeeks(Profile, _catalogue, Start, Start.AddDays(9), _continue);
}
