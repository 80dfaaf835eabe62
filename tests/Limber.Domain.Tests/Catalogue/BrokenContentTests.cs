using Limber.Domain.Catalogue;

namespace Limber.Domain.Tests.Catalogue;

/// <summary>
/// Each kind of broken content is reported with its file, line and field, and loading yields no catalogue.
/// The base exercise below is valid; each test changes one thing. Line numbers refer to it.
/// </summary>
public class BrokenContentTests
{
    private const string Path = "content/exercises/test-stretch.yaml";

    // Line numbers:   1                    2                         3         4
    private const string Valid = """
        id: test-stretch
        name: Test stretch
        aliases: [sample stretch]
        summary: A stretch used by the tests.
        kind: stretch
        bodyAreas: [hipFront]
        muscles: [iliopsoas]
        position: standing
        equipment: [chair]
        difficulty: 1
        dose:
          holdSeconds: 30
          reps: 2
          perSide: true
        steps:
          - Stand tall.
          - Step back.
        cues:
          - Tuck your tailbone.
        mistakes:
          - Arching the back.
        easier: []
        harder: [other-stretch]
        cautions:
          - Hold a chair for balance.
        skipIf: [poorBalance]
        evidence: ACSM recommends holds of 10-30 seconds.
        sources: [acsm-2011]
        figure:
          view: side
          props:
            - chair: workingHand
          poses:
            - name: standing
              shoulder: [30, 0]
            - name: stepped back
              hip: [-15, 20]
              knee: [0, 10]
              shoulder: [30, 0]
        """;

    private const string Other = """
        id: other-stretch
        name: Other stretch
        summary: Another stretch.
        kind: stretch
        bodyAreas: [hipFront]
        muscles: [iliopsoas]
        position: standing
        difficulty: 2
        dose:
          holdSeconds: 30
        steps: [Stand.]
        cues: [Breathe.]
        mistakes: [Rushing.]
        evidence: A note.
        sources: [acsm-2011]
        figure:
          view: side
          poses:
            - name: standing
            - name: reaching
              shoulder: 90
        """;

    private const string Sources = """
        acsm-2011:
          citation: "Garber CE, et al. Med Sci Sports Exerc. 2011;43:1334."
          url: https://doi.org/10.1249/MSS.0b013e318213fefb
        """;

    private static CatalogueLoad Load(string exercise, string sources = Sources, string? other = Other, string path = Path)
    {
        var files = new List<ContentFile> { new(path, exercise) };
        if (other is not null)
        {
            files.Add(new ContentFile("content/exercises/other-stretch.yaml", other));
        }
        return CatalogueLoader.Load(new ContentFile("content/sources.yaml", sources), files);
    }

    private static ContentProblem SingleProblem(string exercise, string sources = Sources, string? other = Other, string path = Path)
    {
        var load = Load(exercise, sources, other, path);
        load.Catalogue.ShouldBeNull();
        load.Problems.Count.ShouldBe(1, string.Join(Environment.NewLine, load.Problems));
        return load.Problems[0];
    }

    private static void ShouldBe(ContentProblem problem, int line, string field, string messagePart, string path = Path)
    {
        problem.Path.ShouldBe(path);
        problem.Line.ShouldBe(line, problem.ToString());
        problem.Field.ShouldBe(field, problem.ToString());
        problem.Message.ShouldContain(messagePart, Case.Insensitive, problem.ToString());
        problem.ToString().ShouldStartWith($"{path}:{line}: {field}: ");
    }

    [Fact]
    public void The_valid_base_loads()
    {
        var load = Load(Valid);
        load.Problems.ShouldBeEmpty();
        load.Catalogue!.Find("test-stretch")!.Dose.HoldSeconds.ShouldBe(30);
    }

    [Fact]
    public void Bad_yaml_names_the_line_of_the_syntax_error()
    {
        var broken = Valid.Replace("position: standing", "position: [standing");
        var problem = SingleProblem(broken);
        problem.Path.ShouldBe(Path);
        problem.Field.ShouldBe("(yaml)");
        problem.Message.ShouldContain("not valid YAML");
        problem.Line.ShouldBeInRange(8, 9);
    }

    [Fact]
    public void An_unknown_field_is_named_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("kind: stretch", "kind: stretch\ncolour: blue")), 6, "colour", "not a known field");

    [Fact]
    public void A_misspelled_dose_field_is_named_with_its_parent() =>
        ShouldBe(SingleProblem(Valid.Replace("  reps: 2", "  repetitions: 2")), 13, "dose.repetitions", "not a known field");

    [Fact]
    public void A_missing_required_field_is_reported_at_the_top_of_the_file() =>
        ShouldBe(SingleProblem(Valid.Replace("summary: A stretch used by the tests.\n", "")), 1, "summary", "is required");

    [Fact]
    public void An_empty_required_field_is_reported_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("name: Test stretch", "name: \"\"")), 2, "name", "must not be empty");

    [Fact]
    public void A_duplicate_id_names_both_files()
    {
        var load = CatalogueLoader.Load(new ContentFile("content/sources.yaml", Sources),
        [
            new ContentFile(Path, Valid.Replace("harder: [other-stretch]", "harder: []")),
            new ContentFile("content/exercises/copy/test-stretch.yaml", Valid.Replace("name: Test stretch", "name: Copy").Replace("harder: [other-stretch]", "harder: []")),
        ]);
        load.Catalogue.ShouldBeNull();
        var problem = load.Problems.ShouldHaveSingleItem();
        ShouldBe(problem, 1, "id", "already used by content/exercises/copy/test-stretch.yaml");
    }

    [Fact]
    public void An_id_that_does_not_match_the_file_name_is_reported() =>
        ShouldBe(SingleProblem(Valid, path: "content/exercises/other-name.yaml"), 1, "id", "must match the file name", "content/exercises/other-name.yaml");

    [Fact]
    public void An_id_that_is_not_kebab_case_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("id: test-stretch", "id: Test_Stretch"), path: "content/exercises/Test_Stretch.yaml"),
            1, "id", "kebab-case", "content/exercises/Test_Stretch.yaml");

    [Fact]
    public void An_unknown_variant_id_is_named_at_its_line() =>
        ShouldBe(SingleProblem(Valid, other: null), 23, "harder[1]", "\"other-stretch\" is not the id of any exercise");

    [Fact]
    public void An_exercise_cannot_be_its_own_variant() =>
        ShouldBe(SingleProblem(Valid.Replace("easier: []", "easier: [test-stretch]")), 22, "easier[1]", "its own variant");

    [Fact]
    public void An_easier_variant_may_not_be_harder() =>
        ShouldBe(SingleProblem(Valid.Replace("easier: []", "easier: [other-stretch]").Replace("harder: [other-stretch]", "harder: []")),
            22, "easier[1]", "difficulty 2");

    [Fact]
    public void An_unknown_muscle_is_named_with_its_list_position() =>
        ShouldBe(SingleProblem(Valid.Replace("muscles: [iliopsoas]", "muscles:\n  - iliopsoas\n  - biceps")), 9, "muscles[2]", "\"biceps\" is not one of");

    [Fact]
    public void Unknown_equipment_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("equipment: [chair]", "equipment: [sofa]")), 9, "equipment[1]", "\"sofa\" is not one of: chair");

    [Fact]
    public void An_enum_value_must_be_spelled_exactly() =>
        ShouldBe(SingleProblem(Valid.Replace("kind: stretch", "kind: Stretch")), 5, "kind", "\"Stretch\" is not one of");

    [Fact]
    public void A_negative_hold_is_out_of_range() =>
        ShouldBe(SingleProblem(Valid.Replace("holdSeconds: 30", "holdSeconds: -5")), 12, "dose.holdSeconds", "between 1 and 120");

    [Fact]
    public void An_oversized_hold_is_out_of_range() =>
        ShouldBe(SingleProblem(Valid.Replace("holdSeconds: 30", "holdSeconds: 600")), 12, "dose.holdSeconds", "between 1 and 120, not 600");

    [Fact]
    public void A_stretch_hold_outside_the_ACSM_range_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("holdSeconds: 30", "holdSeconds: 90")), 12, "dose.holdSeconds", "10-60 seconds (ACSM)");

    [Fact]
    public void A_number_that_is_not_a_number_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("reps: 2", "reps: two")), 13, "dose.reps", "whole number");

    [Fact]
    public void A_dose_with_nothing_to_do_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("  holdSeconds: 30\n  reps: 2\n", "")), 11, "dose", "needs holdSeconds, reps or durationSeconds");

    [Fact]
    public void A_yes_no_field_must_be_true_or_false() =>
        ShouldBe(SingleProblem(Valid.Replace("perSide: true", "perSide: yes please")), 14, "dose.perSide", "true or false");

    [Fact]
    public void Empty_steps_are_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("steps:\n  - Stand tall.\n  - Step back.", "steps: []")), 15, "steps", "must not be empty");

    [Fact]
    public void A_blank_step_is_reported_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("  - Step back.", "  - \"  \"")), 17, "steps[2]", "non-empty");

    [Fact]
    public void A_repeated_list_entry_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("bodyAreas: [hipFront]", "bodyAreas: [hipFront, hipFront]")), 6, "bodyAreas[2]", "repeats");

    [Fact]
    public void A_list_given_as_a_single_value_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("bodyAreas: [hipFront]", "bodyAreas: hipFront")), 6, "bodyAreas", "must be a list");

    [Fact]
    public void Difficulty_outside_one_to_three_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("difficulty: 1", "difficulty: 4")), 10, "difficulty", "between 1 and 3");

    [Fact]
    public void An_unknown_source_is_named_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("sources: [acsm-2011]", "sources: [acsm-2011, made-up-2020]")), 28, "sources[2]", "\"made-up-2020\" is not defined in sources.yaml");

    [Theory]
    [InlineData("This stretch treats back pain.")]
    [InlineData("Clinically proven to loosen hips.")]
    [InlineData("Gives quick relief.")]
    [InlineData("It cures stiffness.")]
    public void Medical_claims_are_rejected(string summary) =>
        ShouldBe(SingleProblem(Valid.Replace("summary: A stretch used by the tests.", $"summary: {summary}")), 4, "summary", "wellness tool");

    [Fact]
    public void A_medical_claim_in_a_step_is_named_with_its_position() =>
        ShouldBe(SingleProblem(Valid.Replace("  - Step back.", "  - Step back to relieve the back.")), 17, "steps[2]", "\"relieve\"");

    [Fact]
    public void A_warm_up_drill_must_be_timed() =>
        ShouldBe(SingleProblem(Valid.Replace("kind: stretch", "kind: warmUp").Replace("  holdSeconds: 30\n", "")), 11, "dose.durationSeconds", "timed");

    [Fact]
    public void A_timed_drill_cannot_also_count_reps() =>
        ShouldBe(SingleProblem(Valid.Replace("kind: stretch", "kind: mobility").Replace("  holdSeconds: 30\n", "  durationSeconds: 30\n")),
            12, "dose.durationSeconds", "durationSeconds only");

    [Fact]
    public void An_empty_file_is_reported() =>
        ShouldBe(SingleProblem(""), 1, "(file)", "is empty");

    [Fact]
    public void A_file_that_is_a_list_is_reported() =>
        ShouldBe(SingleProblem("- id: test-stretch\n"), 1, "(file)", "named fields");

    [Fact]
    public void A_field_given_twice_is_reported() =>
        SingleProblem(Valid.Replace("kind: stretch", "kind: stretch\nkind: mobility")).Message.ShouldContain("Duplicate key", Case.Insensitive);

    [Fact]
    public void A_duplicate_name_is_reported() =>
        ShouldBe(SingleProblem(Valid, other: Other.Replace("name: Other stretch", "name: test stretch")), 2, "name", "already the name of");

    [Fact]
    public void A_source_without_a_citation_is_reported()
    {
        var problem = SingleProblem(Valid, sources: "acsm-2011:\n  url: https://example.org/x\n");
        ShouldBe(problem, 1, "acsm-2011.citation", "is required", "content/sources.yaml");
    }

    [Fact]
    public void A_source_address_must_be_https()
    {
        var problem = SingleProblem(Valid, sources: Sources.Replace("https://doi.org", "http://doi.org"));
        ShouldBe(problem, 3, "acsm-2011.url", "https://", "content/sources.yaml");
    }

    // Figures (lines 29-39 of the base).
    [Fact]
    public void A_joint_angle_outside_its_range_is_named_with_its_pose() =>
        ShouldBe(SingleProblem(Valid.Replace("knee: [0, 10]", "knee: [-10, 10]")), 38, "figure.poses[2].knee", "working side -10 degrees is outside the knee range");

    [Fact]
    public void An_angle_that_is_not_a_number_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("hip: [-15, 20]", "hip: [back, 20]")), 37, "figure.poses[2].hip", "number of degrees");

    [Fact]
    public void Equipment_without_its_prop_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("  props:\n    - chair: workingHand\n", "")), 29, "figure.props", "must draw a chair prop");

    [Fact]
    public void An_unknown_prop_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("    - chair: workingHand", "    - chair: workingHand\n    - sofa: pelvis")), 33, "figure.props[2].sofa", "is not a prop");

    [Fact]
    public void An_unknown_body_point_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("chair: workingHand", "chair: elbow")), 32, "figure.props[1].chair", "\"elbow\" is not one of");

    [Fact]
    public void A_figure_needs_a_start_and_an_end_pose() =>
        ShouldBe(SingleProblem(Valid[..Valid.IndexOf("    - name: stepped back", StringComparison.Ordinal)]), 33, "figure.poses", "at least a start and an end");

    [Fact]
    public void Two_poses_with_one_name_are_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("name: stepped back", "name: standing")), 36, "figure.poses[2].name", "already the name");

    [Fact]
    public void An_unknown_view_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("view: side", "view: back")), 30, "figure.view", "\"back\" is not one of: side, front, top");

    [Fact]
    public void A_pose_that_puts_the_body_through_the_floor_is_reported() =>
        // Holding the hand still while the arm swings overhead pushes the body down through the floor.
        ShouldBe(SingleProblem(Valid.Replace("  view: side", "  view: side\n  anchor: workingHand").Replace("knee: [0, 10]\n      shoulder: [30, 0]", "knee: [0, 10]\n      shoulder: [180, 0]")),
            29, "figure.poses[2]", "below the floor");

    [Fact]
    public void An_exercise_without_a_figure_is_reported() =>
        ShouldBe(SingleProblem(Valid[..Valid.IndexOf("figure:", StringComparison.Ordinal)]), 1, "figure", "is required");

    [Fact]
    public void Every_problem_in_a_file_is_reported_not_just_the_first()
    {
        var load = Load(Valid.Replace("kind: stretch", "kind: nap").Replace("difficulty: 1", "difficulty: 9").Replace("equipment: [chair]", "equipment: [sofa]"));
        load.Problems.Select(p => p.Field).ShouldBe(["kind", "equipment[1]", "difficulty"]);
        load.Problems.Select(p => p.Line).ShouldBe([5, 9, 10]);
    }
}
