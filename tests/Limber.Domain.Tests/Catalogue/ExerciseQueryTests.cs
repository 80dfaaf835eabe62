using Limber.Domain.Catalogue;

namespace Limber.Domain.Tests.Catalogue;

/// <summary>Search and filters over a small hand-made catalogue, so each expectation is visible here.</summary>
public class ExerciseQueryTests
{
    private static Exercise Make(string id, string name, ExerciseKind kind, StartPosition position, BodyArea[] areas,
        Equipment[]? equipment = null, int difficulty = 1, string[]? aliases = null, Dose? dose = null) => new()
        {
            Id = id,
            Name = name,
            Aliases = aliases ?? [],
            Summary = "s",
            Kind = kind,
            BodyAreas = areas,
            Muscles = [Muscle.Iliopsoas],
            Position = position,
            Equipment = equipment ?? [],
            Difficulty = difficulty,
            Dose = dose ?? new Dose { HoldSeconds = 30 },
            Steps = ["step"],
            Evidence = "e",
            Sources = [],
        };

    private static readonly ExerciseCatalogue Catalogue = new(
    [
        Make("kneeling-hip-flexor-stretch", "Kneeling hip flexor stretch", ExerciseKind.Stretch, StartPosition.HalfKneeling,
            [BodyArea.HipFront], [Equipment.Pillow], 2, ["lunge stretch"], new Dose { HoldSeconds = 30, Reps = 3, PerSide = true }),
        Make("standing-hip-flexor-stretch", "Standing hip flexor stretch", ExerciseKind.Stretch, StartPosition.Standing,
            [BodyArea.HipFront], [Equipment.Chair]),
        Make("childs-pose", "Child's pose", ExerciseKind.Stretch, StartPosition.Kneeling, [BodyArea.LowerBack], [Equipment.Mat]),
        Make("hip-circles", "Hip circles", ExerciseKind.Mobility, StartPosition.Standing, [BodyArea.HipSide, BodyArea.LowerBack],
            dose: new Dose { Reps = 10, PerDirection = true }),
        Make("glute-bridge", "Glute bridge", ExerciseKind.Strength, StartPosition.LyingBack, [BodyArea.Glutes, BodyArea.Core],
            difficulty: 2, dose: new Dose { Reps = 12, Sets = 3, RestSeconds = 60 }),
        Make("chip-shot", "Chip shot", ExerciseKind.Mobility, StartPosition.Standing, [BodyArea.Core]),
    ], new Dictionary<string, Source>());

    private static string[] Ids(ExerciseQuery query) => Catalogue.Query(query).Items.Select(e => e.Id).ToArray();

    [Fact]
    public void No_filters_gives_everything_by_name()
    {
        var page = Catalogue.Query(new ExerciseQuery());
        page.Total.ShouldBe(6);
        page.Items.Select(e => e.Name).ShouldBe(page.Items.Select(e => e.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Text_finds_by_alias() =>
        Ids(new ExerciseQuery { Text = "lunge" }).ShouldBe(["kneeling-hip-flexor-stretch"]);

    [Fact]
    public void Text_ignores_case_and_apostrophes() =>
        Ids(new ExerciseQuery { Text = "CHILDS" }).ShouldBe(["childs-pose"]);

    [Fact]
    public void Every_word_must_match() =>
        Ids(new ExerciseQuery { Text = "hip stretch" }).ShouldBe(["kneeling-hip-flexor-stretch", "standing-hip-flexor-stretch"]);

    [Fact]
    public void Words_match_at_the_start_of_a_word_only() =>
        // "hip" must not find "Chip shot".
        Ids(new ExerciseQuery { Text = "hip" }).ShouldNotContain("chip-shot");

    [Fact]
    public void Names_starting_with_the_phrase_come_first() =>
        Ids(new ExerciseQuery { Text = "hip" }).First().ShouldBe("hip-circles");

    [Fact]
    public void Name_matches_come_before_alias_matches() =>
        Ids(new ExerciseQuery { Text = "stretch" }).Last().ShouldBe("standing-hip-flexor-stretch");

    [Fact]
    public void Body_areas_match_any_listed() =>
        Ids(new ExerciseQuery { BodyAreas = [BodyArea.Glutes, BodyArea.HipSide] }).ShouldBe(["glute-bridge", "hip-circles"]);

    [Fact]
    public void Different_filters_must_all_match() =>
        Ids(new ExerciseQuery { BodyAreas = [BodyArea.HipFront], Positions = [StartPosition.Standing] }).ShouldBe(["standing-hip-flexor-stretch"]);

    [Fact]
    public void Kind_filter() =>
        Ids(new ExerciseQuery { Kinds = [ExerciseKind.Strength] }).ShouldBe(["glute-bridge"]);

    [Fact]
    public void Equipment_means_what_the_person_has() =>
        Ids(new ExerciseQuery { EquipmentAvailable = [Equipment.Chair] })
            .ShouldBe(["chip-shot", "glute-bridge", "hip-circles", "standing-hip-flexor-stretch"]);

    [Fact]
    public void No_equipment_gives_only_exercises_needing_nothing() =>
        Ids(new ExerciseQuery { EquipmentAvailable = [] }).ShouldBe(["chip-shot", "glute-bridge", "hip-circles"]);

    [Fact]
    public void Difficulty_filter() =>
        Ids(new ExerciseQuery { Difficulties = [2] }).ShouldBe(["glute-bridge", "kneeling-hip-flexor-stretch"]);

    [Fact]
    public void Fits_in_minutes_uses_the_estimate()
    {
        // Glute bridge: 10 + 3 x 12 x 3 + 2 x 60 = 238 s, 4 minutes; the kneeling stretch: 218 s, 4 minutes.
        Ids(new ExerciseQuery { MaxMinutes = 3 }).ShouldNotContain("glute-bridge");
        Ids(new ExerciseQuery { MaxMinutes = 3 }).ShouldNotContain("kneeling-hip-flexor-stretch");
        Ids(new ExerciseQuery { MaxMinutes = 4 }).ShouldContain("glute-bridge");
    }

    [Fact]
    public void Pages_split_the_matches_and_keep_the_total()
    {
        var second = Catalogue.Query(new ExerciseQuery { Page = 2, PageSize = 4 });
        second.Total.ShouldBe(6);
        second.Items.Count.ShouldBe(2);
        var first = Catalogue.Query(new ExerciseQuery { Page = 1, PageSize = 4 });
        first.Items.Concat(second.Items).Select(e => e.Id).Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public void A_page_past_the_end_is_empty_but_counts() =>
        Catalogue.Query(new ExerciseQuery { Page = 9 }).ShouldSatisfyAllConditions(
            p => p.Items.ShouldBeEmpty(),
            p => p.Total.ShouldBe(6));

    [Fact]
    public void The_same_query_gives_the_same_answer() =>
        Ids(new ExerciseQuery { Text = "hip" }).ShouldBe(Ids(new ExerciseQuery { Text = "hip" }));
}
