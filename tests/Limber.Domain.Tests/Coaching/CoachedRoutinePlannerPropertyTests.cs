using CsCheck;
using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Coaching;

/// <summary>
/// Safety rules over thousands of random coach programs, profiles and current doses, against the real catalogue:
/// whatever the coach chose, a withheld decision plans nothing and gentle options first plans only gentle exercises at
/// doses no larger than their start. CsCheck shrinks a failure to a small example and prints its seed.
/// </summary>
public class CoachedRoutinePlannerPropertyTests
{
    private const int Iterations = 2_000;

    private static readonly Exercise[] All = [.. Exercises.All.OrderBy(e => e.Id, StringComparer.Ordinal)];

    /// <summary>A value for one dose variable: absent when the catalogue has none, else anywhere in the coach's range.</summary>
    private static Gen<int?> Value(int? usual, int min, int max) =>
        usual is null ? Gen.Const((int?)null) : Gen.Int[min, max].Select(v => (int?)v);

    /// <summary>Any prescription a coach could set for the exercise: every value within its limits.</summary>
    private static Gen<Prescription> AnyPrescription(Exercise e)
    {
        var d = e.Dose;
        var longest = e.Kind == ExerciseKind.Stretch ? Prescription.LongestStretchHoldSeconds : Prescription.LongestOtherHoldSeconds;
        return Gen.Select(
                Value(d.HoldSeconds, Math.Min(Prescription.ShortestHoldSeconds, d.HoldSeconds ?? 5), longest),
                Value(d.Reps, Prescription.FewestReps, Prescription.MostReps),
                Value(d.Sets, Prescription.FewestSets, Prescription.MostSets),
                Value(d.DurationSeconds, Prescription.ShortestDurationSeconds, Prescription.LongestDurationSeconds),
                Gen.Int[0, Prescription.MostLevelsUp],
                Gen.OneOfConst<string?>(null, "Slowly.", "Keep your back long."))
            .Select(x => Prescription.For(e, x.Item5, x.Item6, x.Item1, x.Item2, x.Item3, x.Item4));
    }

    /// <summary>1–10 items from anywhere in the catalogue (repeats allowed), each with any valid prescription.</summary>
    private static readonly Gen<Prescription[]> AnyProgram =
        Gen.Int[0, All.Length - 1].SelectMany(i => AnyPrescription(All[i])).Array[1, 10];

    /// <summary>Current doses as adaptation makes them: a rung of the coach's ladder for some of the program's exercises.</summary>
    private static Gen<Dictionary<string, Dose>?> CurrentDoses(Prescription[] program, int? age) =>
        Gen.Select(Gen.Int[-8, 10].Array[program.Length], Gen.Bool).Select(x =>
        {
            var (levels, any) = x;
            if (!any)
            {
                return null;
            }
            var doses = new Dictionary<string, Dose>(StringComparer.Ordinal);
            for (var i = 0; i < program.Length; i++)
            {
                var p = program[i];
                doses[p.ExerciseId] = DoseLadder.For(Get(p.ExerciseId), age, null, p).At(levels[i]);
            }
            return doses;
        });

    private static readonly Gen<(Prescription[] Program, PlannerProfile Profile, DateOnly Date, Dictionary<string, Dose>? Current)> AnyCase =
        from program in AnyProgram
        from profile in AnyProfile
        from date in AnyDate
        from current in CurrentDoses(program, profile.Age)
        select (program, profile, date, current);

    [Fact]
    public void The_generated_prescriptions_are_all_valid()
    {
        AnyProgram.Sample(program =>
        {
            foreach (var p in program)
            {
                p.Problems(Get(p.ExerciseId)).ShouldBeEmpty(p.ToString());
            }
        }, iter: Iterations);
    }

    [Fact]
    public void No_program_ever_yields_a_routine_when_the_decision_is_no_routine()
    {
        var withheld = WithheldGates().Select(SafetyDecision.From).ToArray();
        Gen.Select(AnyCase, Gen.Int[0, withheld.Length - 1]).Sample(x =>
        {
            var ((program, profile, date, current), which) = x;
            var safety = withheld[which];
            var plan = CoachedRoutinePlanner.Today(program, profile, Exercises, date, safety, current);
            plan.Outcome.ShouldBe(PlanOutcome.Withheld);
            plan.Routine.ShouldBeNull();
            plan.Message.ShouldBe(safety.Reason);
        }, iter: Iterations);
    }

    [Fact]
    public void Under_gentle_options_first_no_program_yields_a_harder_exercise_or_a_dose_above_the_starting_dose()
    {
        AnyCase.Sample(x =>
        {
            var plan = CoachedRoutinePlanner.Today(x.Program, x.Profile, Exercises, x.Date, Gentle, x.Current);
            if (plan.Routine is not { } r)
            {
                plan.Outcome.ShouldBe(PlanOutcome.NothingFits);
                return;
            }
            r.GentleOptionsOnly.ShouldBeTrue();
            foreach (var item in r.Items)
            {
                var e = Get(item.ExerciseId);
                e.Difficulty.ShouldBe(1, e.Id);
                ShouldBeNoLargerThan(item.Dose, DoseLadder.StartingDose(e, x.Profile.Age), e.Id);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Whatever_the_decision_every_planned_exercise_is_one_the_profile_allows_and_each_left_out_item_has_a_note()
    {
        Gen.Select(AnyCase, Gen.Bool).Sample(x =>
        {
            var ((program, profile, date, current), gentle) = x;
            var plan = CoachedRoutinePlanner.Today(program, profile, Exercises, date, gentle ? Gentle : Continue, current);
            if (plan.Routine is not { } r)
            {
                plan.Outcome.ShouldBe(PlanOutcome.NothingFits);
                plan.Message.ShouldContain("is left out");
                return;
            }
            var skip = profile.SkipConditions();
            foreach (var item in r.Items)
            {
                var e = Get(item.ExerciseId);
                PersonCanStartIn(profile, e.Position).ShouldBeTrue(e.Id);
                e.Equipment.ShouldAllBe(q => profile.Equipment.Contains(q), e.Id);
                e.SkipIf.ShouldAllBe(c => !skip.Contains(c), e.Id);
            }
            r.Items.Select(i => i.ExerciseId).ShouldBeUnique();
            (r.Items.Count() + r.Notes.Count).ShouldBe(program.Length);
            r.TotalSeconds.ShouldBe(r.Items.Sum(i => i.Seconds));
        }, iter: Iterations);
    }

    /// <summary>No more holds, repetitions, sets or seconds than the starting dose; sides, directions and rests as it.</summary>
    private static void ShouldBeNoLargerThan(Dose dose, Dose starting, string id)
    {
        static void AtMost(int? value, int? most, string what, string id)
        {
            if (value is { } v)
            {
                most.ShouldNotBeNull($"{id}: {what} given but not in the starting dose");
                v.ShouldBeLessThanOrEqualTo(most.Value, $"{id}: {what}");
            }
        }
        AtMost(dose.HoldSeconds, starting.HoldSeconds, "hold", id);
        AtMost(dose.Reps, starting.Reps, "reps", id);
        AtMost(dose.DurationSeconds, starting.DurationSeconds, "duration", id);
        (dose.Sets ?? 1).ShouldBeLessThanOrEqualTo(starting.Sets ?? 1, $"{id}: sets");
        (dose.PerSide, dose.PerDirection, dose.RestSeconds).ShouldBe((starting.PerSide, starting.PerDirection, starting.RestSeconds), id);
    }
}
