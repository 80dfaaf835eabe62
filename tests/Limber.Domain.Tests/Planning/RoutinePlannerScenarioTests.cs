using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Planning;

/// <summary>The four emphases, and the edges of the planner, on the real catalogue.</summary>
public class RoutinePlannerScenarioTests
{
    private static readonly PlannerProfile Anyone = new()
    {
        Equipment = [Equipment.Chair, Equipment.Wall, Equipment.Pillow, Equipment.Towel],
        MinutesPerSession = 15,
    };

    private static readonly PlannerProfile DeskWorker = Anyone with { SittingHours = 9, Triggers = [Trigger.AfterSitting] };
    private static readonly PlannerProfile Runner = Anyone with { Running = true, Triggers = [Trigger.AfterRunning] };
    private static readonly PlannerProfile Lifter = Anyone with { Lifting = true, Triggers = [Trigger.AfterLifting] };
    private static readonly PlannerProfile StiffSleeper = Anyone with { MorningStiffnessMinutes = 45, Triggers = [Trigger.OnWaking], MinutesPerSession = 10 };

    private static List<Routine> Week(PlannerProfile profile, SafetyDecision? safety = null) =>
        Enumerable.Range(0, 7)
            .Select(d => RoutinePlanner.Today(profile, Exercises, Monday.AddDays(d), safety ?? Continue).Routine.ShouldNotBeNull())
            .ToList();

    private static IEnumerable<Exercise> Of(Routine r) => r.Items.Select(i => Get(i.ExerciseId));

    [Fact]
    public void Older_adults_hold_every_stretch_30_to_60_seconds_from_the_first_day()
    {
        var older = DeskWorker with { Age = 70, MinutesPerSession = 20 };
        var stretches = Week(older).SelectMany(r => r.Items).Where(i => Get(i.ExerciseId).Kind == ExerciseKind.Stretch && i.Dose.HoldSeconds is not null).ToList();
        stretches.ShouldNotBeEmpty();
        stretches.ShouldAllBe(i => i.Dose.HoldSeconds >= StretchHold.OlderAdultMinimumSeconds && i.Dose.HoldSeconds <= StretchHold.OlderAdultMaximumSeconds);
        // Someone younger keeps the catalogue's holds, some of them shorter than 30 seconds.
        Week(DeskWorker with { Age = 40, MinutesPerSession = 20 }).SelectMany(r => r.Items)
            .Where(i => Get(i.ExerciseId).Kind == ExerciseKind.Stretch && i.Dose.HoldSeconds is not null)
            .ShouldAllBe(i => i.BaseDose == Get(i.ExerciseId).Dose);
    }

    [Fact]
    public void Long_sitting_brings_a_hip_flexor_stretch_spine_mobility_and_glute_strength_every_day()
    {
        foreach (var r in Week(DeskWorker))
        {
            r.Emphases.ShouldContain(Emphasis.LongSitting);
            Of(r).ShouldContain(e => e.Kind == ExerciseKind.Stretch && e.BodyAreas.Contains(BodyArea.HipFront));
            Of(r).ShouldContain(e => e.Kind == ExerciseKind.Mobility && (e.BodyAreas.Contains(BodyArea.LowerBack) || e.BodyAreas.Contains(BodyArea.UpperBack)));
            Of(r).ShouldContain(e => e.Kind == ExerciseKind.Strength && e.BodyAreas.Contains(BodyArea.Glutes));
        }
    }

    [Fact]
    public void The_hip_flexor_stretch_says_why_in_terms_of_sitting()
    {
        var stretch = Week(DeskWorker)[0].Items.First(i => Get(i.ExerciseId) is { Kind: ExerciseKind.Stretch } e && e.BodyAreas.Contains(BodyArea.HipFront));
        stretch.Reason.ShouldBe("Long sitting keeps the muscles at the front of the hip short; this stretch lengthens them.");
    }

    [Fact]
    public void Running_brings_a_running_drill_hip_strength_and_a_hip_flexor_exercise_every_day()
    {
        foreach (var r in Week(Runner))
        {
            r.Emphases.ShouldContain(Emphasis.Running);
            r.Sections[(int)RoutinePart.WarmUp].Items.ShouldContain(i => Get(i.ExerciseId).Kind == ExerciseKind.WarmUp);
            Of(r).ShouldContain(e => e.Kind == ExerciseKind.Strength && (e.BodyAreas.Contains(BodyArea.HipSide) || e.BodyAreas.Contains(BodyArea.Glutes)));
            Of(r).ShouldContain(e => e.Kind != ExerciseKind.Strength && e.BodyAreas.Contains(BodyArea.HipFront));
        }
    }

    [Fact]
    public void Lifting_brings_bracing_or_hip_strength_and_hamstring_work_every_day()
    {
        foreach (var r in Week(Lifter))
        {
            r.Emphases.ShouldContain(Emphasis.Lifting);
            Of(r).ShouldContain(e => e.Kind == ExerciseKind.Strength && (e.BodyAreas.Contains(BodyArea.Core) || e.BodyAreas.Contains(BodyArea.Glutes)));
            Of(r).ShouldContain(e => e.BodyAreas.Contains(BodyArea.Hamstrings));
        }
    }

    [Fact]
    public void Stiff_mornings_bring_a_gentle_lying_and_all_fours_flow_every_day()
    {
        foreach (var r in Week(StiffSleeper))
        {
            r.Emphases.ShouldContain(Emphasis.MorningStiffness);
            var flow = Of(r).Where(e => e.Difficulty == 1 && e.Position is StartPosition.LyingBack or StartPosition.AllFours
                && e.Kind is ExerciseKind.Mobility or ExerciseKind.Stretch).ToList();
            flow.Count.ShouldBeGreaterThanOrEqualTo(2);
            Of(r).First().Position.ShouldBeOneOf(StartPosition.LyingBack, StartPosition.AllFours);
        }
    }

    [Fact]
    public void A_week_keeps_a_core_and_rotates_the_rest()
    {
        var week = Week(DeskWorker);
        week.Select(r => string.Join(",", r.Items.Select(i => i.ExerciseId).Order())).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        var everyDay = week.Select(r => r.Items.Select(i => i.ExerciseId).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        everyDay.ShouldNotBeEmpty();
    }

    [Fact]
    public void Current_doses_replace_the_defaults_and_say_so()
    {
        var plain = Week(DeskWorker)[0];
        var id = plain.Items.First(i => Get(i.ExerciseId).Kind == ExerciseKind.Stretch).ExerciseId;
        var current = Get(id).Dose with { HoldSeconds = 40 };
        var r = RoutinePlanner.Today(DeskWorker, Exercises, Monday, Continue, new Dictionary<string, Dose> { [id] = current }).Routine.ShouldNotBeNull();
        var item = r.Items.Single(i => i.ExerciseId == id);
        item.Origin.ShouldBe(DoseOrigin.Current);
        item.BaseDose.ShouldBe(current);
        item.Dose.HoldSeconds.ShouldBe(40);
        r.Items.Where(i => i.ExerciseId != id).ShouldAllBe(i => i.Origin == DoseOrigin.CatalogueDefault);
    }

    [Fact]
    public void Sitting_in_a_chair_only_for_thirty_minutes_fills_the_time_with_the_chair_exercises_and_extra_rounds()
    {
        var profile = Anyone with { Positions = [PossiblePosition.Chair], Equipment = [Equipment.Chair], MinutesPerSession = 30 };
        var r = RoutinePlanner.Today(profile, Exercises, Monday, Continue).Routine.ShouldNotBeNull();
        r.Fit.ShouldBe(TimeFit.WithinTenPercent);
        r.Notes.ShouldBeEmpty();
        r.Items.ShouldAllBe(i => Get(i.ExerciseId).Position == StartPosition.Seated);
        Of(r).ShouldContain(e => e.Kind == ExerciseKind.Strength);
    }

    [Fact]
    public void Kneeling_only_gives_a_shorter_routine_that_says_why()
    {
        // Kneeling without the floor leaves one exercise (the kneeling hip flexor stretch, on a pillow): its most
        // rounds fall short of 10 minutes, and the routine says so rather than stretching the rule.
        var profile = Anyone with { Positions = [PossiblePosition.Kneeling], MinutesPerSession = 10 };
        var plan = RoutinePlanner.Today(profile, Exercises, Monday, Continue);
        var r = plan.Routine.ShouldNotBeNull();
        r.Fit.ShouldBe(TimeFit.Shorter);
        r.TotalSeconds.ShouldBeLessThan(10 * 60 * 9 / 10);
        r.Notes.ShouldContain(n => n.Contains("instead of 10 minutes"));
        r.Notes.ShouldContain(n => n.Contains("strengthening"));
        plan.Message.ShouldBe(r.Notes[^1]);
    }

    [Fact]
    public void Sitting_in_a_chair_only_for_ten_minutes_still_fits_with_strength()
    {
        var profile = Anyone with { Positions = [PossiblePosition.Chair], Equipment = [Equipment.Chair], MinutesPerSession = 10 };
        var r = RoutinePlanner.Today(profile, Exercises, Monday, Continue).Routine.ShouldNotBeNull();
        r.Fit.ShouldBe(TimeFit.WithinTenPercent);
        Of(r).ShouldContain(e => e.Kind == ExerciseKind.Strength);
    }

    [Fact]
    public void Nothing_fits_when_no_exercise_suits_the_positions_and_equipment()
    {
        // A chair is a position here but not at hand, and every seated exercise needs one.
        var profile = Anyone with { Positions = [PossiblePosition.Chair], Equipment = [] };
        var plan = RoutinePlanner.Today(profile, Exercises, Monday, Continue);
        plan.Outcome.ShouldBe(PlanOutcome.NothingFits);
        plan.Routine.ShouldBeNull();
        plan.Message.ShouldContain("chair");
    }

    [Fact]
    public void Five_minutes_hold_a_mobility_move_and_a_stretch_and_no_cool_down()
    {
        var r = RoutinePlanner.Today(DeskWorker with { MinutesPerSession = 5 }, Exercises, Monday, Continue).Routine.ShouldNotBeNull();
        r.Fit.ShouldBe(TimeFit.WithinTenPercent);
        Of(r).ShouldContain(e => e.Kind == ExerciseKind.Mobility);
        Of(r).ShouldContain(e => e.Kind == ExerciseKind.Stretch);
        r.Sections[(int)RoutinePart.CoolDown].Items.ShouldBeEmpty();
    }

    [Fact]
    public void Each_session_of_the_day_varies()
    {
        var profile = DeskWorker with { SessionsPerDay = 3 };
        var sessions = Enumerable.Range(1, 3)
            .Select(s => string.Join(",", RoutinePlanner.Today(profile, Exercises, Monday, Continue, session: s).Routine!.Items.Select(i => i.ExerciseId)))
            .ToList();
        sessions.Distinct().Count().ShouldBeGreaterThan(1);
        Should.Throw<ArgumentOutOfRangeException>(() => RoutinePlanner.Today(profile, Exercises, Monday, Continue, session: 4));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(45)]
    public void Only_the_minutes_onboarding_offers_are_accepted(int minutes)
    {
        if (PlannerProfile.SessionMinuteChoices.Contains(minutes))
        {
            return;
        }
        Should.Throw<ArgumentOutOfRangeException>(() => RoutinePlanner.Today(Anyone with { MinutesPerSession = minutes }, Exercises, Monday, Continue));
    }

    [Theory]
    [InlineData(RoutineAccess.Continue, SafetyDecisionKind.Continue)]
    [InlineData(RoutineAccess.GentleOptionsFirst, SafetyDecisionKind.GentleOptionsFirst)]
    [InlineData(RoutineAccess.PausedUntilSeen, SafetyDecisionKind.NoRoutine)]
    [InlineData(RoutineAccess.LockedUntilCleared, SafetyDecisionKind.NoRoutine)]
    public void The_safety_decision_follows_the_routine_gate(RoutineAccess access, SafetyDecisionKind kind)
    {
        var gate = Gate(access);
        var decision = SafetyDecision.From(gate);
        decision.Kind.ShouldBe(kind);
        decision.RuleId.ShouldBe(gate.RuleId);
        decision.Reason.ShouldBe(gate.Reason);
    }

    [Fact]
    public void Not_screened_yet_means_no_routine()
    {
        var plan = RoutinePlanner.Today(Anyone, Exercises, Monday, SafetyDecision.From(RoutineGate.Evaluate([])));
        plan.Outcome.ShouldBe(PlanOutcome.Withheld);
        plan.Message.ShouldBe("Answer the warning-sign questions before your first routine.");
    }

    [Fact]
    public void Gentle_options_first_says_so_in_every_reason()
    {
        var r = RoutinePlanner.Today(DeskWorker, Exercises, Monday, Gentle).Routine.ShouldNotBeNull();
        r.Items.ShouldAllBe(i => i.Reason.Contains("gentle options"));
    }
}
