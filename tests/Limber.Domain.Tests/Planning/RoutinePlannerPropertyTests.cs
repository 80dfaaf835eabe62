using CsCheck;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Planning;

/// <summary>
/// Properties of today's routine over thousands of random profiles and dates, against the real catalogue.
/// CsCheck shrinks a failure to a small example and prints its seed.
/// </summary>
public class RoutinePlannerPropertyTests
{
    private const int Iterations = 3_000;

    private static readonly Gen<(PlannerProfile Profile, DateOnly Date, SafetyDecision Safety)> AnyPlan =
        Gen.Select(AnyProfile, AnyDate, Gen.Bool.Select(gentle => gentle ? Gentle : Continue));

    private static readonly Gen<(PlannerProfile Profile, DateOnly Date, SafetyDecision Safety)> OpenPlan =
        Gen.Select(OpenProfile, AnyDate, Gen.Bool.Select(gentle => gentle ? Gentle : Continue));

    private static Routine Planned(PlannerProfile profile, DateOnly date, SafetyDecision safety)
    {
        var plan = RoutinePlanner.Today(profile, Exercises, date, safety);
        plan.Outcome.ShouldBe(PlanOutcome.Planned, plan.Message);
        return plan.Routine.ShouldNotBeNull();
    }

    [Fact]
    public void Every_routine_is_within_ten_percent_of_its_minutes_or_says_why_not()
    {
        AnyPlan.Sample(x =>
        {
            var plan = RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Safety);
            if (plan.Routine is not { } r)
            {
                plan.Outcome.ShouldBe(PlanOutcome.NothingFits);
                plan.Message.ShouldNotBeNullOrWhiteSpace();
                return;
            }
            var target = r.TargetMinutes * 60;
            var within = r.TotalSeconds >= target * 0.9 && r.TotalSeconds <= target * 1.1;
            (r.Fit == TimeFit.WithinTenPercent).ShouldBe(within, $"{r.TotalSeconds} s for {r.TargetMinutes} min, fit {r.Fit}");
            if (!within)
            {
                r.Notes.ShouldNotBeEmpty();
                plan.Message.ShouldBe(r.Notes[^1]);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void With_every_position_and_piece_of_equipment_every_routine_is_within_ten_percent()
    {
        OpenPlan.Sample(x =>
        {
            var r = Planned(x.Profile, x.Date, x.Safety);
            r.Fit.ShouldBe(TimeFit.WithinTenPercent, $"{r.TotalSeconds} s for {r.TargetMinutes} min");
            r.Notes.ShouldBeEmpty();
        }, iter: Iterations);
    }

    [Fact]
    public void The_total_counts_every_dose_and_a_transition_between_exercises()
    {
        AnyPlan.Sample(x =>
        {
            if (RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Safety).Routine is not { } r)
            {
                return;
            }
            var items = r.Items.ToList();
            r.TotalSeconds.ShouldBe(items.Sum(i => i.Seconds));
            for (var i = 0; i < items.Count; i++)
            {
                items[i].Seconds.ShouldBe(RoutineClock.DoseSeconds(items[i].Dose) + (i == 0 ? 0 : RoutineClock.TransitionSeconds));
            }
            r.Sections.Select(s => s.Part).ShouldBe(Enum.GetValues<RoutinePart>());
        }, iter: Iterations);
    }

    [Fact]
    public void Routines_of_ten_minutes_or_more_mix_stretching_mobility_and_strength_when_the_person_can_get_down_or_stand()
    {
        AnyPlan.Where(x => x.Safety.Kind == SafetyDecisionKind.Continue && x.Profile.Limitations.Count == 0
                && x.Profile.Positions.Contains(PossiblePosition.Floor))
            .Sample(x =>
            {
                var kinds = Planned(x.Profile, x.Date, x.Safety).Items.Select(i => Get(i.ExerciseId).Kind).ToList();
                kinds.ShouldContain(ExerciseKind.Stretch);
                kinds.ShouldContain(ExerciseKind.Mobility);
                if (x.Profile.MinutesPerSession >= 10)
                {
                    kinds.ShouldContain(ExerciseKind.Strength);
                }
            }, iter: Iterations);
    }

    [Fact]
    public void With_every_position_and_piece_of_equipment_routines_always_mix_stretching_mobility_and_strength_from_ten_minutes()
    {
        OpenPlan.Sample(x =>
        {
            var kinds = Planned(x.Profile, x.Date, x.Safety).Items.Select(i => Get(i.ExerciseId).Kind).ToList();
            kinds.ShouldContain(ExerciseKind.Stretch);
            kinds.ShouldContain(ExerciseKind.Mobility);
            if (x.Profile.MinutesPerSession >= RoutinePlanner.StrengthFromMinutes)
            {
                kinds.ShouldContain(ExerciseKind.Strength);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void A_routine_without_a_stretch_mobility_or_strength_exercise_says_so()
    {
        AnyPlan.Sample(x =>
        {
            if (RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Safety).Routine is not { } r)
            {
                return;
            }
            var kinds = r.Items.Select(i => Get(i.ExerciseId).Kind).ToHashSet();
            var missing = !kinds.Contains(ExerciseKind.Stretch) || !kinds.Contains(ExerciseKind.Mobility)
                || (r.TargetMinutes >= RoutinePlanner.StrengthFromMinutes && !kinds.Contains(ExerciseKind.Strength));
            if (missing)
            {
                r.Notes.ShouldNotBeEmpty();
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Every_exercise_starts_in_a_position_the_person_can_take_with_equipment_they_have_and_no_skip_condition()
    {
        AnyPlan.Sample(x =>
        {
            if (RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Safety).Routine is not { } r)
            {
                return;
            }
            var skip = x.Profile.SkipConditions();
            foreach (var item in r.Items)
            {
                var e = Get(item.ExerciseId);
                PersonCanStartIn(x.Profile, e.Position).ShouldBeTrue($"{e.Id} starts {e.Position}");
                e.Equipment.ShouldAllBe(q => x.Profile.Equipment.Contains(q), e.Id);
                e.SkipIf.ShouldAllBe(c => !skip.Contains(c), e.Id);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Each_exercise_appears_once_and_every_reason_is_plain_words_without_avoided_words()
    {
        AnyPlan.Sample(x =>
        {
            if (RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Safety).Routine is not { } r)
            {
                return;
            }
            r.Items.Select(i => i.ExerciseId).ShouldBeUnique();
            foreach (var item in r.Items)
            {
                item.Reason.ShouldNotBeNullOrWhiteSpace();
                AvoidedWords().IsMatch(item.Reason).ShouldBeFalse(item.Reason);
            }
            foreach (var note in r.Notes)
            {
                AvoidedWords().IsMatch(note).ShouldBeFalse(note);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Without_a_routine_from_the_gate_nothing_is_planned()
    {
        Gen.Select(AnyProfile, AnyDate, Gen.Int[0, 2]).Sample(x =>
        {
            var gate = WithheldGates().ElementAt(x.Item3);
            var safety = SafetyDecision.From(gate);
            safety.Kind.ShouldBe(SafetyDecisionKind.NoRoutine);
            var plan = RoutinePlanner.Today(x.Item1, Exercises, x.Item2, safety);
            plan.Outcome.ShouldBe(PlanOutcome.Withheld);
            plan.Routine.ShouldBeNull();
            plan.Message.ShouldBe(gate.Reason);
            var breaks = RoutinePlanner.DeskBreak(x.Item1, Exercises, x.Item2, safety);
            breaks.Outcome.ShouldBe(PlanOutcome.Withheld);
            breaks.Breaks.ShouldBeEmpty();
        }, iter: Iterations);
    }

    [Fact]
    public void Gentle_options_first_plans_only_difficulty_one_exercises_at_no_more_than_their_default_dose()
    {
        Gen.Select(AnyProfile, AnyDate).Sample(x =>
        {
            // Current doses twice the default time would be a progression: gentle options keep the default.
            var bigger = Exercises.All.ToDictionary(e => e.Id, e => e.Dose with { Sets = (e.Dose.Sets ?? 1) + 1 });
            if (RoutinePlanner.Today(x.Item1, Exercises, x.Item2, Gentle, bigger).Routine is not { } r)
            {
                return;
            }
            r.GentleOptionsOnly.ShouldBeTrue();
            foreach (var item in r.Items)
            {
                var e = Get(item.ExerciseId);
                e.Difficulty.ShouldBe(1, e.Id);
                item.Origin.ShouldBe(DoseOrigin.CatalogueDefault);
                item.BaseDose.ShouldBe(DoseLadder.StartingDose(e, x.Item1.Age));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void The_same_inputs_and_date_give_the_same_plan()
    {
        AnyPlan.Sample(x =>
        {
            var first = Render(RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Safety));
            var again = Render(RoutinePlanner.Today(x.Profile with { }, Exercises, x.Date, x.Safety));
            again.ShouldBe(first);
        }, iter: 1_000);
    }

    [Fact]
    public void Routines_vary_across_a_week()
    {
        OpenPlan.Where(x => x.Profile.MinutesPerSession >= 10 && x.Safety.Kind == SafetyDecisionKind.Continue).Sample(x =>
        {
            var week = Enumerable.Range(0, 7)
                .Select(d => string.Join(",", Planned(x.Profile, x.Date.AddDays(d), x.Safety).Items.Select(i => i.ExerciseId).Order()))
                .Distinct()
                .Count();
            week.ShouldBeGreaterThanOrEqualTo(2);
        }, iter: 500);
    }

    [Fact]
    public void Doses_fitted_to_the_minutes_stay_within_sensible_limits()
    {
        AnyPlan.Sample(x =>
        {
            if (RoutinePlanner.Today(x.Profile, Exercises, x.Date, x.Safety).Routine is not { } r)
            {
                return;
            }
            foreach (var item in r.Items)
            {
                var e = Get(item.ExerciseId);
                switch (e.Kind)
                {
                    case ExerciseKind.Stretch:
                        // ACSM: 2-4 holds.
                        (item.Dose.Reps ?? 1).ShouldBeInRange(2, 4, e.Id);
                        item.Dose.HoldSeconds.ShouldBe(item.BaseDose.HoldSeconds);
                        break;
                    case ExerciseKind.Strength:
                        // Never more than the base dose: progression is for the adaptation rules.
                        (item.Dose.Reps ?? 1).ShouldBeLessThanOrEqualTo(item.BaseDose.Reps ?? 1, e.Id);
                        (item.Dose.Sets ?? 1).ShouldBeLessThanOrEqualTo(item.BaseDose.Sets ?? 1, e.Id);
                        break;
                    case ExerciseKind.Mobility or ExerciseKind.WarmUp or ExerciseKind.SelfMassage or ExerciseKind.Breathing:
                        if (item.Dose.DurationSeconds is { } s)
                        {
                            s.ShouldBeLessThanOrEqualTo(item.BaseDose.DurationSeconds!.Value * 2, e.Id);
                        }
                        break;
                }
            }
        }, iter: Iterations);
    }
}
