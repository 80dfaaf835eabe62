using CsCheck;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Sessions;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Sessions;

/// <summary>The session as the player plays it: steps that add up to the routine's time, in an order a person can follow.</summary>
public class SessionTimelineTests
{
    private static readonly Gen<(PlannerProfile Profile, DateOnly Date, bool Gentle)> AnyPlan =
        Gen.Select(AnyProfile, AnyDate, Gen.Bool);

    private static IEnumerable<Dose> EveryRung(Exercise e) => DoseLadder.For(e, null).Rungs.Concat(DoseLadder.For(e, 70).Rungs).Append(e.Dose);

    [Fact]
    public void An_exercise_plays_exactly_the_time_the_routine_clock_gives_its_dose_at_every_rung()
    {
        foreach (var e in Exercises.All)
        {
            foreach (var dose in EveryRung(e))
            {
                var steps = SessionTimeline.StepsOf(e, dose);
                steps.Seconds.ShouldBe(RoutineClock.DoseSeconds(dose), $"{e.Id}: {dose.Describe()}");
                steps.Steps.ShouldAllBe(s => s.Seconds >= 1 && s.ExerciseId == e.Id);
                steps.Steps[0].Kind.ShouldBe(StepKind.GetReady, e.Id);
            }
        }
    }

    [Fact]
    public void A_whole_session_plays_the_routines_total_time_with_a_transition_between_exercises()
    {
        AnyPlan.Sample(x =>
        {
            if (RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Gentle ? Gentle : Continue).Routine is not { } routine)
            {
                return;
            }
            var timeline = SessionTimeline.Build(routine, Exercises, x.Profile);
            timeline.TotalSeconds.ShouldBe(routine.TotalSeconds);
            timeline.Steps.Count(s => s.Kind == StepKind.Transition).ShouldBe(routine.Items.Count() - 1);
            // The exercises come in the routine's order, each one whole, its transition just before it.
            var order = timeline.Steps.Select(s => s.ExerciseId).Distinct().ToList();
            order.ShouldBe(routine.Items.Select(i => i.ExerciseId).ToList());
            for (var i = 1; i < timeline.Steps.Count; i++)
            {
                if (timeline.Steps[i].ExerciseId != timeline.Steps[i - 1].ExerciseId)
                {
                    timeline.Steps[i].Kind.ShouldBe(StepKind.Transition);
                    timeline.Steps[i + 1].Kind.ShouldBe(StepKind.GetReady);
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void A_one_sided_exercise_does_the_right_side_whole_then_switches_to_the_left()
    {
        foreach (var e in Exercises.All.Where(e => e.Dose.PerSide))
        {
            var steps = SessionTimeline.StepsOf(e, e.Dose).Steps;
            var sides = steps.Select(s => s.Side).ToList();
            sides.ShouldAllBe(s => s != null, e.Id);
            var switchAt = steps.ToList().FindIndex(s => s.Kind == StepKind.SwitchSide);
            switchAt.ShouldBeGreaterThan(0, e.Id);
            steps.Take(switchAt).ShouldAllBe(s => s.Side == StepSide.Right, e.Id);
            steps.Skip(switchAt).ShouldAllBe(s => s.Side == StepSide.Left, e.Id);
            steps.Count(s => s.Kind == StepKind.SwitchSide).ShouldBe(1, e.Id);
            // The same work on each side.
            steps.Take(switchAt).Count(IsWork).ShouldBe(steps.Skip(switchAt).Count(IsWork), e.Id);
        }
        foreach (var e in Exercises.All.Where(e => !e.Dose.PerSide))
        {
            SessionTimeline.StepsOf(e, e.Dose).Steps.ShouldAllBe(s => s.Side == null && s.Kind != StepKind.SwitchSide, e.Id);
        }
    }

    private static bool IsWork(TimelineStep s) => s.Kind is StepKind.Hold or StepKind.Reps;

    [Fact]
    public void Holds_count_down_the_time_held_and_number_each_hold_within_its_set()
    {
        // Knee to chest: hold 30 s, 3 times on each side, resting 10 s between holds (from the catalogue).
        var dose = new Dose { HoldSeconds = 30, Reps = 3, PerSide = true, RestSeconds = 10 };
        var steps = SessionTimeline.StepsOf(Get("knee-to-chest"), dose).Steps;
        var right = steps.Where(s => s.Side == StepSide.Right).ToList();
        right.Select(s => (s.Kind, s.Seconds, s.Rep)).ShouldBe(
        [
            // Getting ready carries the 3 s to move into the first hold; each rest carries the 10 s rest and 3 s to move.
            (StepKind.GetReady, Dose.SetupSeconds + 3, null),
            (StepKind.Hold, 30, 1), (StepKind.Rest, 13, null),
            (StepKind.Hold, 30, 2), (StepKind.Rest, 13, null),
            (StepKind.Hold, 30, 3),
        ]);
        steps.Where(s => s.Kind == StepKind.Hold).ShouldAllBe(s => s.Text == "Hold");
    }

    [Fact]
    public void Repetitions_are_numbered_one_step_each_and_sets_are_separated_by_their_rest()
    {
        var dose = new Dose { Reps = 4, Sets = 2, RestSeconds = 30 };
        var steps = SessionTimeline.StepsOf(Get("glute-bridge"), dose).Steps;
        steps.Select(s => (s.Kind, s.Set, s.Rep)).ShouldBe(
        [
            (StepKind.GetReady, 1, null),
            (StepKind.Reps, 1, 1), (StepKind.Reps, 1, 2), (StepKind.Reps, 1, 3), (StepKind.Reps, 1, 4),
            (StepKind.Rest, 2, null),
            (StepKind.Reps, 2, 1), (StepKind.Reps, 2, 2), (StepKind.Reps, 2, 3), (StepKind.Reps, 2, 4),
        ]);
        steps.Where(s => s.Kind == StepKind.Reps).Select(s => s.Text).First().ShouldBe("Rep 1 of 4");
        steps.Single(s => s.Kind == StepKind.Rest).Seconds.ShouldBe(30);
    }

    [Fact]
    public void Work_in_two_directions_does_one_direction_then_says_when_to_change()
    {
        var dose = new Dose { HoldSeconds = 20, Reps = 2, PerDirection = true };
        var steps = SessionTimeline.StepsOf(Get("seated-side-bend"), dose).Steps;
        steps.Where(s => s.Kind == StepKind.Hold).Select(s => s.Text).ShouldBe(["Hold", "Hold", "Hold, other direction", "Hold"]);
        steps.ShouldContain(s => s.Kind == StepKind.Rest && s.Text == "Ease off, then the other direction");
    }

    [Fact]
    public void Timed_work_is_one_step_without_a_repetition_number()
    {
        var dose = new Dose { DurationSeconds = 60, Sets = 2, RestSeconds = 15 };
        var steps = SessionTimeline.StepsOf(Get("foam-roll-glutes"), dose).Steps;
        steps.Select(s => (s.Kind, s.Seconds, s.Rep)).ShouldBe(
            [(StepKind.GetReady, Dose.SetupSeconds, null), (StepKind.Reps, 60, null), (StepKind.Rest, 15, null), (StepKind.Reps, 60, null)]);
        steps[1].Text.ShouldBe("Keep going");
    }

    [Fact]
    public void Getting_ready_gives_the_first_instruction_and_work_steps_take_turns_with_the_exercises_cues()
    {
        var e = Get("cat-cow");
        var steps = SessionTimeline.StepsOf(e, e.Dose).Steps;
        steps[0].Cue.ShouldBe(e.Steps[0]);
        // One cue at the start of each set of repetitions, not one every three seconds.
        steps.Where(s => s.Kind == StepKind.Reps && s.Cue is not null).Select(s => s.Cue).ShouldBe([e.Cues[0]]);
    }

    [Fact]
    public void An_easier_variant_is_offered_only_when_it_suits_the_person_and_is_not_already_in_the_session()
    {
        AnyPlan.Sample(x =>
        {
            if (RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Gentle ? Gentle : Continue).Routine is not { } routine)
            {
                return;
            }
            var ids = routine.Items.Select(i => i.ExerciseId).ToHashSet();
            foreach (var item in SessionTimeline.Build(routine, Exercises, x.Profile).Exercises)
            {
                if (item.Easier is not { } easier)
                {
                    continue;
                }
                item.Planned.Exercise.Easier.ShouldContain(easier.Exercise.Id);
                ids.ShouldNotContain(easier.Exercise.Id);
                x.Profile.Allows(easier.Exercise.Position).ShouldBeTrue(easier.Exercise.Id);
                easier.Exercise.Equipment.ShouldAllBe(q => x.Profile.Equipment.Contains(q));
                easier.Exercise.SkipIf.ShouldAllBe(c => !x.Profile.SkipConditions().Contains(c));
                if (x.Gentle)
                {
                    easier.Exercise.Difficulty.ShouldBe(1);
                }
                easier.Seconds.ShouldBe(RoutineClock.DoseSeconds(easier.Dose));
            }
        }, iter: 300);
    }

    [Fact]
    public void An_easier_variant_plays_at_the_persons_current_dose_when_they_have_one()
    {
        var profile = new PlannerProfile
        {
            Positions = Enum.GetValues<PossiblePosition>(), Equipment = Enum.GetValues<Equipment>(), MinutesPerSession = 20, SessionsPerDay = 1,
        };
        var routine = RoutinePlanner.Today(profile, Exercises, Monday, Continue).Routine.ShouldNotBeNull();
        var first = SessionTimeline.Build(routine, Exercises, profile).Exercises.First(x => x.Easier is not null);
        var easierId = first.Easier!.Exercise.Id;
        var current = new Dose { Reps = 12 };
        var again = SessionTimeline.Build(routine, Exercises, profile, new Dictionary<string, Dose> { [easierId] = current })
            .Exercises.First(x => x.Planned.Exercise.Id == first.Planned.Exercise.Id);
        again.Easier!.Dose.ShouldBe(current);
        first.Easier.Dose.ShouldBe(DoseLadder.StartingDose(first.Easier.Exercise, profile.Age));
    }
}
