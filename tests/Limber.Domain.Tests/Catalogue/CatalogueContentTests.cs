using Limber.Domain.Catalogue;

namespace Limber.Domain.Tests.Catalogue;

/// <summary>The reviewed catalogue in content/ loads cleanly and says what the self-care literature says.</summary>
public class CatalogueContentTests
{
    private static ExerciseCatalogue Catalogue => RepositoryFiles.Catalogue;

    private static Exercise Get(string id) => Catalogue.Find(id) ?? throw new ShouldAssertException($"No exercise '{id}' in content/exercises");

    [Fact]
    public void The_content_loads_without_problems() =>
        RepositoryFiles.Load().Problems.ShouldBeEmpty(string.Join(Environment.NewLine, RepositoryFiles.Load().Problems));

    [Fact]
    public void The_catalogue_has_at_least_45_exercises() =>
        Catalogue.All.Count.ShouldBeGreaterThanOrEqualTo(45);

    // Every exercise product.md part 1 names, by its stable id.
    [Theory]
    [InlineData("hip-circles")]
    [InlineData("supine-hamstring-stretch")]
    [InlineData("kneeling-hip-flexor-stretch")]
    [InlineData("knee-to-chest")]
    [InlineData("lumbar-rotation")]
    [InlineData("pelvic-tilt")]
    [InlineData("glute-bridge")]
    [InlineData("cat-cow")]
    [InlineData("childs-pose")]
    [InlineData("pigeon-pose")]
    [InlineData("warrior-1")]
    [InlineData("butterfly-stretch")]
    [InlineData("figure-four-stretch")]
    [InlineData("bird-dog")]
    [InlineData("dead-bug")]
    [InlineData("clamshell")]
    [InlineData("side-lying-hip-abduction")]
    [InlineData("step-up")]
    [InlineData("single-leg-toe-touch")]
    [InlineData("walking-lunge")]
    [InlineData("lateral-lunge")]
    [InlineData("air-squat")]
    [InlineData("jump-squat")]
    [InlineData("high-knees")]
    [InlineData("butt-kicks")]
    [InlineData("skipping")]
    [InlineData("running-backwards")]
    [InlineData("foam-roll-glutes")]
    [InlineData("foam-roll-hamstrings")]
    [InlineData("foam-roll-hip-flexors")]
    [InlineData("foam-roll-upper-back")]
    [InlineData("abdominal-bracing")]
    [InlineData("seated-marching")]
    [InlineData("seated-figure-four")]
    [InlineData("seated-cat-cow")]
    [InlineData("seated-rotation")]
    [InlineData("standing-back-extension")]
    [InlineData("standing-hip-flexor-stretch")]
    public void Every_exercise_the_product_names_is_in_the_catalogue(string id) => Get(id).Id.ShouldBe(id);

    [Fact]
    public void Abdominal_bracing_is_ten_holds_of_ten_seconds()
    {
        var dose = Get("abdominal-bracing").Dose;
        dose.HoldSeconds.ShouldBe(10);
        dose.Reps.ShouldBe(10);
    }

    [Fact]
    public void Seated_marching_is_three_sets_of_thirty_seconds()
    {
        var dose = Get("seated-marching").Dose;
        dose.DurationSeconds.ShouldBe(30);
        dose.Sets.ShouldBe(3);
    }

    [Fact]
    public void Kneeling_hip_flexor_stretch_holds_thirty_seconds_two_to_five_times_a_side()
    {
        var dose = Get("kneeling-hip-flexor-stretch").Dose;
        dose.HoldSeconds.ShouldBe(30);
        dose.Reps.ShouldNotBeNull().ShouldBeInRange(2, 5);
        dose.PerSide.ShouldBeTrue();
    }

    [Fact]
    public void Supine_hamstring_stretch_holds_thirty_seconds_a_side()
    {
        var dose = Get("supine-hamstring-stretch").Dose;
        dose.HoldSeconds.ShouldBe(30);
        dose.PerSide.ShouldBeTrue();
    }

    [Fact]
    public void Hip_circles_are_at_least_ten_in_each_direction()
    {
        var dose = Get("hip-circles").Dose;
        dose.Reps.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(10);
        dose.PerDirection.ShouldBeTrue();
    }

    [Fact]
    public void Every_stretch_holds_ten_to_sixty_seconds_as_ACSM_advises() =>
        Catalogue.All.Where(e => e.Kind == ExerciseKind.Stretch)
            .ShouldAllBe(e => e.Dose.HoldSeconds >= 10 && e.Dose.HoldSeconds <= 60);

    [Fact]
    public void The_running_warm_up_drills_are_timed_and_add_up_to_two_or_three_minutes()
    {
        string[] drills = ["high-knees", "butt-kicks", "skipping", "running-backwards"];
        var exercises = drills.Select(Get).ToList();
        exercises.ShouldAllBe(e => e.Kind == ExerciseKind.WarmUp && e.Dose.DurationSeconds != null && e.Dose.Reps == null);
        var total = exercises.Sum(e => e.Dose.DurationSeconds!.Value * (e.Dose.Sets ?? 1) * (e.Dose.PerSide ? 2 : 1));
        total.ShouldBeInRange(120, 180);
    }

    [Fact]
    public void Every_kind_position_and_body_area_is_covered()
    {
        Enum.GetValues<ExerciseKind>().ShouldAllBe(k => Catalogue.All.Any(e => e.Kind == k));
        Enum.GetValues<StartPosition>().ShouldAllBe(p => Catalogue.All.Any(e => e.Position == p));
        Enum.GetValues<BodyArea>().ShouldAllBe(a => Catalogue.All.Count(e => e.BodyAreas.Contains(a)) >= 2);
    }

    [Fact]
    public void People_who_cannot_get_down_to_the_floor_still_have_a_choice_for_every_body_area()
    {
        var floor = new[] { StartPosition.LyingBack, StartPosition.LyingFront, StartPosition.LyingSide, StartPosition.Kneeling, StartPosition.HalfKneeling, StartPosition.AllFours };
        var upright = Catalogue.All.Where(e => !floor.Contains(e.Position) && !e.SkipIf.Contains(SkipCondition.CannotGetDownToFloor)).ToList();
        foreach (var area in new[] { BodyArea.LowerBack, BodyArea.HipFront, BodyArea.Hamstrings, BodyArea.Glutes, BodyArea.Core })
        {
            upright.ShouldContain(e => e.BodyAreas.Contains(area), $"no chair or standing exercise for {area}");
        }
    }

    [Fact]
    public void Floor_exercises_say_to_skip_them_when_the_floor_is_out_of_reach()
    {
        var floor = new[] { StartPosition.LyingBack, StartPosition.LyingFront, StartPosition.LyingSide, StartPosition.Kneeling, StartPosition.HalfKneeling, StartPosition.AllFours };
        var missing = Catalogue.All
            .Where(e => floor.Contains(e.Position))
            .Where(e => !e.SkipIf.Contains(SkipCondition.CannotGetDownToFloor) && !e.SkipIf.Contains(SkipCondition.CannotKneel))
            .Select(e => e.Id)
            .ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Variants_link_both_ways_at_least_once_for_each_easier_variant()
    {
        // An easier variant exists in the catalogue (checked by the loader); here: people can climb back up.
        var orphans = Catalogue.All
            .SelectMany(e => e.Easier.Select(id => (From: e, To: Get(id))))
            .Where(pair => !pair.To.Harder.Contains(pair.From.Id) && pair.To.Harder.Count == 0)
            .Select(pair => $"{pair.To.Id} has no harder variant, though {pair.From.Id} lists it as easier")
            .ToList();
        orphans.ShouldBeEmpty();
    }
}
