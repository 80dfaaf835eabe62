using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Coaching;

/// <summary>What a coach may set for one exercise: the dose's variables are the catalogue's, within hard limits.</summary>
public class PrescriptionTests
{
    private static string[] Fields(Prescription p, string id) => [.. p.Problems(Get(id)).Select(x => x.Field)];

    [Fact]
    public void The_catalogue_dose_of_every_exercise_is_a_valid_prescription()
    {
        // Including the 2- and 3-second holds of some mobility and strength moves, below the 5-second floor.
        foreach (var e in Exercises.All)
        {
            var p = Prescription.For(e);
            p.Dose.ShouldBe(e.Dose, e.Id);
            p.Problems(e).ShouldBeEmpty(e.Id);
        }
    }

    [Fact]
    public void The_coachs_changes_replace_the_catalogue_values_and_sides_and_rests_stay_the_catalogues()
    {
        // Knee to chest: hold 30 s, 3 times on each side, rest 10 s.
        var p = Prescription.For(Get("knee-to-chest"), maxLevelsUp: 2, note: "Slowly.", holdSeconds: 45, reps: 2);
        p.ShouldBe(new Prescription("knee-to-chest", Get("knee-to-chest").Dose with { HoldSeconds = 45, Reps = 2 }, 2, "Slowly."));
        p.Dose.PerSide.ShouldBeTrue();
        p.Dose.RestSeconds.ShouldBe(10);
        p.Problems(Get("knee-to-chest")).ShouldBeEmpty();
    }

    [Fact]
    public void A_timed_exercise_needs_its_seconds_and_takes_no_hold_or_repetitions()
    {
        // High knees: keep going for 35 seconds.
        var id = "high-knees";
        var noTime = new Prescription(id, new Dose { Reps = 20 }, 0, null);
        Fields(noTime, id).ShouldBe(["dose.reps", "dose.durationSeconds"]);
        noTime.Problems(Get(id)).Single(x => x.Field == "dose.durationSeconds").Message.ShouldStartWith("is required");
        noTime.Problems(Get(id)).Single(x => x.Field == "dose.reps").Message.ShouldStartWith("must be left out");

        Fields(Prescription.For(Get(id), holdSeconds: 10), id).ShouldBe(["dose.holdSeconds"]);
    }

    [Fact]
    public void A_held_exercise_needs_its_hold()
    {
        var p = new Prescription("knee-to-chest", Get("knee-to-chest").Dose with { HoldSeconds = null }, 0, null);
        Fields(p, "knee-to-chest").ShouldBe(["dose.holdSeconds"]);
    }

    [Fact]
    public void Sets_are_given_only_for_exercises_done_in_sets()
    {
        Fields(Prescription.For(Get("cat-cow"), sets: 2), "cat-cow").ShouldBe(["dose.sets"]);
        Fields(new Prescription("glute-bridge", Get("glute-bridge").Dose with { Sets = null }, 0, null), "glute-bridge").ShouldBe(["dose.sets"]);
        Fields(Prescription.For(Get("glute-bridge"), sets: 1), "glute-bridge").ShouldBeEmpty();
    }

    [Theory]
    // Stretch holds up to 120 s; anything else up to 60 s; 5 s at least.
    [InlineData("knee-to-chest", 120, 0, 0, 0, "")]
    [InlineData("knee-to-chest", 121, 0, 0, 0, "dose.holdSeconds")]
    [InlineData("knee-to-chest", 4, 0, 0, 0, "dose.holdSeconds")]
    [InlineData("knee-to-chest", 5, 0, 0, 0, "")]
    [InlineData("wall-slide", 60, 0, 0, 0, "")]
    [InlineData("wall-slide", 61, 0, 0, 0, "dose.holdSeconds")]
    // The glute bridge's catalogue hold is 3 s: 3 stays allowed, 2 does not.
    [InlineData("glute-bridge", 3, 0, 0, 0, "")]
    [InlineData("glute-bridge", 2, 0, 0, 0, "dose.holdSeconds")]
    [InlineData("cat-cow", 0, 30, 0, 0, "")]
    [InlineData("cat-cow", 0, 31, 0, 0, "dose.reps")]
    [InlineData("glute-bridge", 0, 0, 5, 0, "")]
    [InlineData("glute-bridge", 0, 0, 6, 0, "dose.sets")]
    [InlineData("high-knees", 0, 0, 0, 10, "")]
    [InlineData("high-knees", 0, 0, 0, 9, "dose.durationSeconds")]
    [InlineData("high-knees", 0, 0, 0, 600, "")]
    [InlineData("high-knees", 0, 0, 0, 601, "dose.durationSeconds")]
    public void Values_are_within_the_hard_limits(string id, int hold, int reps, int sets, int duration, string problem)
    {
        static int? Given(int n) => n == 0 ? null : n;
        var p = Prescription.For(Get(id), holdSeconds: Given(hold), reps: Given(reps), sets: Given(sets), durationSeconds: Given(duration));
        Fields(p, id).ShouldBe(problem.Length == 0 ? [] : [problem]);
    }

    [Fact]
    public void Zero_or_negative_values_are_out_of_range()
    {
        var p = new Prescription("glute-bridge", Get("glute-bridge").Dose with { Reps = 0, Sets = -1 }, 0, null);
        Fields(p, "glute-bridge").ShouldBe(["dose.reps", "dose.sets"]);
    }

    [Fact]
    public void Sides_directions_and_rests_come_from_the_catalogue_not_the_coach()
    {
        var usual = Get("hip-circles").Dose;
        var p = new Prescription("hip-circles", usual with { PerSide = true, PerDirection = false, RestSeconds = 5 }, 0, null);
        Fields(p, "hip-circles").ShouldBe(["dose.perSide", "dose.perDirection", "dose.restSeconds"]);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(-1, false)]
    [InlineData(11, false)]
    public void Max_levels_up_is_0_to_10(int levels, bool valid)
    {
        var problems = Prescription.For(Get("cat-cow"), maxLevelsUp: levels).Problems(Get("cat-cow"));
        problems.Select(x => x.Field).ShouldBe(valid ? [] : ["maxLevelsUp"]);
    }

    [Fact]
    public void A_note_is_at_most_500_characters()
    {
        Fields(Prescription.For(Get("cat-cow"), note: new string('a', 500)), "cat-cow").ShouldBeEmpty();
        var problem = Prescription.For(Get("cat-cow"), note: new string('a', 501)).Problems(Get("cat-cow")).ShouldHaveSingleItem();
        problem.Field.ShouldBe("note");
        problem.ToString().ShouldBe("note: must be at most 500 characters, not 501");
    }

    [Fact]
    public void A_prescription_checked_against_another_exercise_says_so()
    {
        Fields(Prescription.For(Get("cat-cow")), "seated-cat-cow").ShouldBe(["exerciseId"]);
    }
}
