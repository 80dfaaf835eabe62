using CsCheck;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Planning;

/// <summary>Desk breaks and the six-week program, on the real catalogue.</summary>
public class DeskBreakAndProgramTests
{
    private const int Iterations = 2_000;

    private static readonly PlannerProfile DeskWorker = new()
    {
        SittingHours = 9,
        Equipment = [Equipment.Chair, Equipment.Wall],
        MinutesPerSession = 10,
    };

    [Fact]
    public void Desk_breaks_use_only_chair_and_standing_exercises_and_last_one_to_three_minutes()
    {
        Gen.Select(AnyProfile, AnyDate, Gen.Bool, Gen.Int[1, 6]).Sample(x =>
        {
            var plan = RoutinePlanner.DeskBreak(x.Item1, Exercises, x.Item2, x.Item3 ? Gentle : Continue, count: x.Item4);
            if (plan.Outcome == PlanOutcome.NothingFits)
            {
                plan.Breaks.ShouldBeEmpty();
                plan.Message.ShouldNotBeNullOrWhiteSpace();
                return;
            }
            plan.Outcome.ShouldBe(PlanOutcome.Planned);
            plan.Breaks.Count.ShouldBeInRange(1, x.Item4);
            var skip = x.Item1.SkipConditions();
            foreach (var b in plan.Breaks)
            {
                b.Items.Count.ShouldBeInRange(1, 3);
                b.TotalSeconds.ShouldBeInRange(RoutinePlanner.DeskBreakMinSeconds, RoutinePlanner.DeskBreakMaxSeconds);
                b.TotalSeconds.ShouldBe(b.Items.Sum(i => i.Seconds));
                foreach (var item in b.Items)
                {
                    var e = Get(item.ExerciseId);
                    e.Position.ShouldBeOneOf(StartPosition.Seated, StartPosition.Standing);
                    PersonCanStartIn(x.Item1, e.Position).ShouldBeTrue(e.Id);
                    e.Equipment.ShouldAllBe(q => x.Item1.Equipment.Contains(q), e.Id);
                    e.SkipIf.ShouldAllBe(c => !skip.Contains(c), e.Id);
                    AvoidedWords().IsMatch(item.Reason).ShouldBeFalse(item.Reason);
                    if (x.Item3)
                    {
                        e.Difficulty.ShouldBe(1, e.Id);
                    }
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void A_desk_worker_gets_three_different_breaks_and_the_same_ones_again_for_the_same_day()
    {
        var plan = RoutinePlanner.DeskBreak(DeskWorker, Exercises, Monday, Continue);
        plan.Breaks.Count.ShouldBe(3);
        plan.Breaks.Select(b => string.Join(",", b.Items.Select(i => i.ExerciseId))).Distinct().Count().ShouldBe(3);
        var again = RoutinePlanner.DeskBreak(DeskWorker, Exercises, Monday, Continue);
        again.Breaks.Select(b => (string.Join(",", b.Items.Select(i => i.ExerciseId + i.Dose)), b.TotalSeconds))
            .ShouldBe(plan.Breaks.Select(b => (string.Join(",", b.Items.Select(i => i.ExerciseId + i.Dose)), b.TotalSeconds)));
    }

    [Fact]
    public void Without_a_chair_or_standing_there_are_no_desk_breaks_and_the_plan_says_why()
    {
        var plan = RoutinePlanner.DeskBreak(DeskWorker with { Positions = [PossiblePosition.Floor] }, Exercises, Monday, Continue);
        plan.Outcome.ShouldBe(PlanOutcome.NothingFits);
        plan.Message.ShouldContain("chair");
    }

    [Fact]
    public void Six_weeks_run_in_three_stages_of_two_weeks_each_with_every_day_planned()
    {
        var program = ProgramPlanner.SixWeeks(DeskWorker, Exercises, Monday, Monday.AddDays(16), Continue);
        program.Outcome.ShouldBe(PlanOutcome.Planned);
        program.Weeks.Select(w => w.Stage).ShouldBe([
            ProgramStage.LearnTheMoves, ProgramStage.LearnTheMoves, ProgramStage.Build, ProgramStage.Build,
            ProgramStage.Consolidate, ProgramStage.Consolidate]);
        program.Weeks.SelectMany(w => w.Days).Select(d => d.Date).ShouldBe(Enumerable.Range(0, 42).Select(Monday.AddDays));
        program.Weeks.SelectMany(w => w.Days).ShouldAllBe(d => d.Routine.Outcome == PlanOutcome.Planned && d.Routine.Routine!.Date == d.Date);
        program.Weeks[2].Starts.ShouldBe(Monday.AddDays(14));
        program.Weeks[2].Ends.ShouldBe(Monday.AddDays(20));
    }

    [Theory]
    [InlineData(-1, ProgramStatus.NotStarted, null, null)]
    [InlineData(0, ProgramStatus.InProgress, 1, 1)]
    [InlineData(13, ProgramStatus.InProgress, 2, 14)]
    [InlineData(16, ProgramStatus.InProgress, 3, 17)]
    [InlineData(41, ProgramStatus.InProgress, 6, 42)]
    [InlineData(42, ProgramStatus.Finished, null, null)]
    public void The_program_says_where_the_person_is(int daysIn, ProgramStatus status, int? week, int? day)
    {
        var program = ProgramPlanner.SixWeeks(DeskWorker, Exercises, Monday, Monday.AddDays(daysIn), Continue);
        program.Status.ShouldBe(status);
        program.CurrentWeek.ShouldBe(week);
        program.CurrentDay.ShouldBe(day);
        program.CurrentStage.ShouldBe(week is { } w ? ProgramPlanner.StageOf(w) : null);
        if (week is not null)
        {
            program.TodaysDay.ShouldNotBeNull().Date.ShouldBe(Monday.AddDays(daysIn));
        }
        else
        {
            program.TodaysDay.ShouldBeNull();
        }
    }

    [Fact]
    public void The_first_two_weeks_use_the_default_doses_and_later_weeks_the_current_ones()
    {
        var current = Exercises.All.ToDictionary(e => e.Id, e => e.Dose with { Sets = (e.Dose.Sets ?? 1) + 1 });
        var program = ProgramPlanner.SixWeeks(DeskWorker, Exercises, Monday, Monday, Continue, current);
        foreach (var week in program.Weeks)
        {
            var origins = week.Days.SelectMany(d => d.Routine.Routine!.Items).Select(i => i.Origin).Distinct().ToList();
            origins.ShouldHaveSingleItem().ShouldBe(week.Number <= 2 ? DoseOrigin.CatalogueDefault : DoseOrigin.Current);
        }
    }

    [Fact]
    public void Learning_weeks_lean_easier_and_consolidating_weeks_harder()
    {
        Gen.Select(OpenProfile, AnyDate).Where(x => x.Item1.MinutesPerSession >= 10).Sample(x =>
        {
            var program = ProgramPlanner.SixWeeks(x.Item1, Exercises, x.Item2, x.Item2, Continue);
            double MeanDifficulty(int week) => program.Weeks[week - 1].Days
                .SelectMany(d => d.Routine.Routine!.Items).Average(i => Get(i.ExerciseId).Difficulty);
            MeanDifficulty(1).ShouldBeLessThanOrEqualTo(MeanDifficulty(5));
            (MeanDifficulty(1) + MeanDifficulty(2)).ShouldBeLessThan(MeanDifficulty(5) + MeanDifficulty(6));
        }, iter: 100);
    }

    [Fact]
    public void No_program_is_planned_while_routines_are_withheld()
    {
        foreach (var gate in WithheldGates())
        {
            var program = ProgramPlanner.SixWeeks(DeskWorker, Exercises, Monday, Monday.AddDays(3), SafetyDecision.From(gate));
            program.Outcome.ShouldBe(PlanOutcome.Withheld);
            program.Weeks.ShouldBeEmpty();
            program.Message.ShouldBe(gate.Reason);
            program.TodaysDay.ShouldBeNull();
        }
    }

    [Fact]
    public void A_gentle_program_holds_only_gentle_options()
    {
        var program = ProgramPlanner.SixWeeks(DeskWorker, Exercises, Monday, Monday, Gentle);
        program.Weeks.SelectMany(w => w.Days).SelectMany(d => d.Routine.Routine!.Items)
            .ShouldAllBe(i => Get(i.ExerciseId).Difficulty == 1);
    }

    [Fact]
    public void The_same_inputs_give_the_same_program()
    {
        static string Text(SixWeekProgram p) => p.Message + string.Join("\n", p.Weeks.SelectMany(w => w.Days).Select(d => Render(d.Routine)));
        Text(ProgramPlanner.SixWeeks(DeskWorker, Exercises, Monday, Monday.AddDays(9), Continue))
            .ShouldBe(Text(ProgramPlanner.SixWeeks(DeskWorker with { }, Exercises, Monday, Monday.AddDays(9), Continue)));
    }
}
