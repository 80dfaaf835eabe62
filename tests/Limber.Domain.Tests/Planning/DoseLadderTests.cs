using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Planning;

/// <summary>The rungs each exercise of the real catalogue moves along, for someone of no stated age, 30 and 70.</summary>
public class DoseLadderTests
{
    public static TheoryData<int?> Ages => new() { null, 30, 70 };

    private static IEnumerable<(Exercise Exercise, DoseLadderRungs Ladder)> Ladders(int? age) =>
        Exercises.All.Select(e => (e, DoseLadder.For(e, age)));

    /// <summary>The levels of a ladder from the easiest to the hardest.</summary>
    private static IEnumerable<int> Levels(DoseLadderRungs ladder) => Enumerable.Range(ladder.MinLevel, ladder.MaxLevel - ladder.MinLevel + 1);

    private static int?[] Variables(Dose d) => [d.HoldSeconds, d.Reps, d.Sets ?? 1, d.DurationSeconds];

    [Fact]
    public void A_ladder_given_again_is_the_one_built_afresh()
    {
        var settings = new ProgressionSettings { HoldStepSeconds = 10 };
        foreach (var e in Exercises.All)
        {
            foreach (var age in (int?[])[null, 0, 30, 64, 65, 70, 95])
            {
                foreach (var s in (ProgressionSettings?[])[null, settings])
                {
                    var first = DoseLadder.For(e, age, s);
                    var again = DoseLadder.For(e, age, s);
                    // A copy of the settings is another instance: nothing built for the first is given for it.
                    var fresh = DoseLadder.For(e, age, (s ?? ProgressionSettings.Default) with { });
                    foreach (var ladder in (DoseLadderRungs[])[again, fresh])
                    {
                        ladder.DefaultIndex.ShouldBe(first.DefaultIndex, e.Id);
                        ladder.Prescribed.ShouldBe(first.Prescribed, e.Id);
                        ladder.Rungs.ShouldBe(first.Rungs, $"{e.Id} age {age}");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_ladder_with_wrong_settings_or_age_is_refused_every_time()
    {
        var e = Exercises.All[0];
        for (var i = 0; i < 2; i++)
        {
            Should.Throw<ArgumentException>(() => DoseLadder.For(e, 30, new ProgressionSettings { ReviewWeeks = 0 }));
            Should.Throw<ArgumentOutOfRangeException>(() => DoseLadder.For(e, -1));
        }
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void Every_rung_takes_longer_than_the_one_below(int? age)
    {
        foreach (var (e, ladder) in Ladders(age))
        {
            ladder.Rungs.Count.ShouldBeGreaterThan(1, e.Id);
            for (var i = 1; i < ladder.Rungs.Count; i++)
            {
                RoutineClock.DoseSeconds(ladder.Rungs[i]).ShouldBeGreaterThan(RoutineClock.DoseSeconds(ladder.Rungs[i - 1]),
                    $"{e.Id} age {age}: {ladder.Rungs[i - 1].Describe()} → {ladder.Rungs[i].Describe()}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void The_default_rung_is_the_catalogue_dose_with_a_stretch_hold_brought_into_the_range_for_the_age(int? age)
    {
        foreach (var (e, ladder) in Ladders(age))
        {
            var expected = e.Dose;
            if (e.Kind == ExerciseKind.Stretch && e.Dose.HoldSeconds is { } hold)
            {
                // ACSM (Garber 2011): 10–30 s, and 30–60 s from 65; written out here apart from StretchHold.
                expected = e.Dose with { HoldSeconds = age >= 65 ? Math.Clamp(hold, 30, 60) : Math.Clamp(hold, 10, 30) };
            }
            ladder.At(0).ShouldBe(expected, e.Id);
            ladder.Rungs[ladder.DefaultIndex].ShouldBe(expected, e.Id);
        }
    }

    [Fact]
    public void An_older_adults_stretch_holds_start_at_30_to_60_seconds()
    {
        foreach (var (e, ladder) in Ladders(70).Where(x => x.Exercise.Kind == ExerciseKind.Stretch))
        {
            ladder.At(0).HoldSeconds.ShouldNotBeNull(e.Id).ShouldBeInRange(30, 60, e.Id);
        }
        // The seated forward bend's catalogue hold is 20 seconds: 30 for an older adult, 20 for anyone younger.
        var bend = Get("seated-forward-bend");
        bend.Dose.HoldSeconds.ShouldBe(20);
        DoseLadder.For(bend, 70).At(0).HoldSeconds.ShouldBe(30);
        DoseLadder.For(bend, 65).At(0).HoldSeconds.ShouldBe(30);
        DoseLadder.For(bend, 64).At(0).HoldSeconds.ShouldBe(20);
        DoseLadder.For(bend, null).At(0).HoldSeconds.ShouldBe(20);
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void Each_step_changes_exactly_one_of_hold_reps_sets_or_time_and_never_sides_directions_or_rests(int? age)
    {
        foreach (var (e, ladder) in Ladders(age))
        {
            for (var i = 1; i < ladder.Rungs.Count; i++)
            {
                var (below, above) = (ladder.Rungs[i - 1], ladder.Rungs[i]);
                Variables(below).Zip(Variables(above)).Count(p => p.First != p.Second)
                    .ShouldBe(1, $"{e.Id} age {age}: {below.Describe()} → {above.Describe()}");
                (above.PerSide, above.PerDirection, above.RestSeconds).ShouldBe((e.Dose.PerSide, e.Dose.PerDirection, e.Dose.RestSeconds), e.Id);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void Stretch_holds_stay_between_10_seconds_and_the_most_for_the_age_with_2_to_4_holds(int? age)
    {
        var most = age >= 65 ? 60 : 30;
        foreach (var (e, ladder) in Ladders(age).Where(x => x.Exercise.Kind == ExerciseKind.Stretch))
        {
            foreach (var rung in ladder.Rungs)
            {
                rung.HoldSeconds.ShouldNotBeNull(e.Id).ShouldBeInRange(10, most, e.Id);
                rung.Reps.ShouldNotBeNull(e.Id).ShouldBeInRange(Math.Min(2, e.Dose.Reps ?? 2), 4, e.Id);
            }
            // The top is the most of both: the longest hold for the age, and 4 holds.
            ladder.At(ladder.MaxLevel).ShouldBe(ladder.At(0) with { HoldSeconds = most, Reps = 4 }, e.Id);
        }
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void Strength_work_has_at_most_3_sets_and_other_kinds_never_more_sets_than_their_default(int? age)
    {
        foreach (var (e, ladder) in Ladders(age))
        {
            foreach (var rung in ladder.Rungs)
            {
                if (e.Kind == ExerciseKind.Strength)
                {
                    (rung.Sets ?? 1).ShouldBeLessThanOrEqualTo(3, e.Id);
                }
                else
                {
                    (rung.Sets ?? 1).ShouldBeLessThanOrEqualTo(e.Dose.Sets ?? 1, e.Id);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void No_rung_has_zero_reps_hold_or_time_and_steps_back_stay_above_half(int? age)
    {
        foreach (var (e, ladder) in Ladders(age))
        {
            var d = e.Dose;
            foreach (var rung in ladder.Rungs)
            {
                (rung.HoldSeconds is null or > 0).ShouldBeTrue(e.Id);
                (rung.Reps is null or > 0).ShouldBeTrue(e.Id);
                (rung.DurationSeconds is null or > 0).ShouldBeTrue(e.Id);
                (rung.Sets is null or > 0).ShouldBeTrue(e.Id);
                if (d.Reps is { } reps)
                {
                    rung.Reps.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo((reps + 1) / 2, e.Id);
                }
                if (d.DurationSeconds is { } seconds)
                {
                    rung.DurationSeconds.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(Math.Max(5, seconds / 2), e.Id);
                }
                if (e.Kind == ExerciseKind.Strength && d.HoldSeconds is { } hold)
                {
                    rung.HoldSeconds.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(Math.Min(hold, Math.Max(5, hold / 2)), e.Id);
                    rung.HoldSeconds.Value.ShouldBeLessThanOrEqualTo(Math.Min(2 * hold, 60), e.Id);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void Mobility_warm_ups_breathing_and_rolling_grow_only_in_reps_or_time_up_to_one_and_a_half_times(int? age)
    {
        foreach (var (e, ladder) in Ladders(age).Where(x => x.Exercise.Kind is ExerciseKind.Mobility or ExerciseKind.WarmUp
            or ExerciseKind.Breathing or ExerciseKind.SelfMassage))
        {
            var top = ladder.At(ladder.MaxLevel);
            ladder.MaxLevel.ShouldBeGreaterThan(0, e.Id);
            top.HoldSeconds.ShouldBe(e.Dose.HoldSeconds, e.Id);
            top.Sets.ShouldBe(e.Dose.Sets, e.Id);
            if (e.Dose.Reps is { } reps)
            {
                top.Reps.ShouldNotBeNull().ShouldBeInRange(reps + 1, Math.Max(reps + 1, reps * 3 / 2), e.Id);
            }
            if (e.Dose.DurationSeconds is { } seconds)
            {
                top.DurationSeconds.ShouldNotBeNull().ShouldBeInRange(seconds + 5, seconds * 3 / 2, e.Id);
            }
        }
    }

    [Fact]
    public void An_older_adults_stretch_grows_5_seconds_a_step_to_a_minute_then_one_more_hold()
    {
        var ladder = DoseLadder.For(Get("knee-to-chest"), 70);
        var up = Enumerable.Range(0, ladder.MaxLevel + 1).Select(l => (ladder.At(l).HoldSeconds, ladder.At(l).Reps)).ToList();
        up.ShouldBe([(30, 3), (35, 3), (40, 3), (45, 3), (50, 3), (55, 3), (60, 3), (60, 4)]);

        // Below the default: one hold fewer, then 5 seconds shorter down to 10 (a step back may leave the older range).
        var down = Enumerable.Range(0, -ladder.MinLevel).Select(i => (ladder.At(-1 - i).HoldSeconds, ladder.At(-1 - i).Reps)).ToList();
        down.ShouldBe([(30, 2), (25, 2), (20, 2), (15, 2), (10, 2)]);
    }

    [Fact]
    public void A_younger_persons_stretch_at_30_seconds_grows_only_in_holds()
    {
        var ladder = DoseLadder.For(Get("knee-to-chest"), 30);
        ladder.MaxLevel.ShouldBe(1);
        ladder.At(1).ShouldBe(Get("knee-to-chest").Dose with { Reps = 4 });
        ladder.IsTop(1).ShouldBeTrue();
        ladder.IsTop(0).ShouldBeFalse();
    }

    [Fact]
    public void A_coach_may_grow_stretch_holds_by_10_seconds()
    {
        var ladder = DoseLadder.For(Get("knee-to-chest"), 70, new ProgressionSettings { HoldStepSeconds = 10 });
        Enumerable.Range(0, 4).Select(l => ladder.At(l).HoldSeconds).ShouldBe([30, 40, 50, 60]);
    }

    [Fact]
    public void Strength_grows_its_hold_then_its_reps_then_one_set_and_steps_back_in_reps()
    {
        // Bird dog: hold 5 s, 8 times on each side, 2 sets, 30 s rests.
        var ladder = DoseLadder.For(Get("bird-dog"), null);
        Enumerable.Range(0, ladder.MaxLevel + 1).Select(l => (ladder.At(l).HoldSeconds, ladder.At(l).Reps, ladder.At(l).Sets))
            .ShouldBe([(5, 8, 2), (10, 8, 2), (10, 9, 2), (10, 10, 2), (10, 11, 2), (10, 12, 2), (10, 12, 3)]);
        // One set would be timed with a 30 s rest after every hold and take longer than two sets, so it is no step back.
        Enumerable.Range(1, -ladder.MinLevel).Select(i => ladder.At(-i)).ShouldAllBe(d => d.Sets == 2 && d.HoldSeconds == 5);
        ladder.At(ladder.MinLevel).Reps.ShouldBe(4);
    }

    [Fact]
    public void A_single_set_strength_exercise_does_not_get_a_second_set()
    {
        var ladder = DoseLadder.For(Get("side-plank-knees"), null);
        ladder.Rungs.ShouldAllBe(d => d.Sets == null);
        ladder.At(ladder.MaxLevel).ShouldBe(Get("side-plank-knees").Dose with { HoldSeconds = 20, Reps = 12 });
    }

    [Fact]
    public void Levels_beyond_either_end_give_that_end()
    {
        var ladder = DoseLadder.For(Get("cat-cow"), null);
        ladder.At(ladder.MinLevel - 3).ShouldBe(ladder.Rungs[0]);
        ladder.At(ladder.MaxLevel + 3).ShouldBe(ladder.Rungs[^1]);
        ladder.IsTop(ladder.MaxLevel + 3).ShouldBeTrue();
        ladder.MinLevel.ShouldBe(-ladder.DefaultIndex);
        Levels(ladder).Select(ladder.At).ShouldBe(ladder.Rungs);
    }

    [Fact]
    public void The_same_exercise_and_age_give_the_same_rungs()
    {
        foreach (var e in Exercises.All)
        {
            DoseLadder.For(e, 70).Rungs.ShouldBe(DoseLadder.For(e, 70).Rungs);
        }
    }

    [Fact]
    public void Unusable_settings_are_refused()
    {
        Should.Throw<ArgumentException>(() => DoseLadder.For(Get("cat-cow"), 30, new ProgressionSettings { HoldStepSeconds = 20 }));
    }
}
