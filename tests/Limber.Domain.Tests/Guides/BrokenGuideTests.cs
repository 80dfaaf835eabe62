using Limber.Domain.Catalogue;
using Limber.Domain.Guides;

namespace Limber.Domain.Tests.Guides;

/// <summary>
/// Each kind of broken guide is reported with its file, the line in that file and the field, like broken exercises,
/// and loading yields no library. The base guide below is valid; each test changes one thing. Line numbers refer to it.
/// </summary>
public class BrokenGuideTests
{
    private const string Path = "content/guides/test-guide.md";

    private const string Valid = """
        ---
        id: test-guide
        title: Test guide
        summary: A guide used by the tests.
        sources: [acsm-2011]
        exercises: [wall-lean]
        helpers: [iceTimer]
        figures:
          - title: Lying down
            description: A person lying on their back.
            view: side
            props:
              - pillow: workingKnee
            pose:
              trunk: -90
              hip: 35
              knee: 65
        ---

        Some text about [leaning](/exercises/wall-lean) and the [other guide](/guides/other-guide).

        ## A section

        More text with a [source](https://example.org/x) and [the check](/screen#top).
        """;

    private const string Other = """
        ---
        id: other-guide
        title: Other guide
        summary: Another guide.
        sources: [acsm-2011]
        ---
        Just text.
        """;

    private static readonly ExerciseCatalogue Catalogue = CatalogueLoader.Load(
        new ContentFile("content/sources.yaml", "acsm-2011:\n  citation: \"Garber CE, et al. 2011.\"\n"),
        [new ContentFile("content/exercises/wall-lean.yaml", """
            id: wall-lean
            name: Wall lean
            summary: A gentle stretch against a wall.
            kind: stretch
            bodyAreas: [hipFront]
            muscles: [iliopsoas]
            position: standing
            equipment: [wall]
            difficulty: 1
            dose:
              holdSeconds: 20
            steps: [Lean on the wall.]
            cues: [Breathe.]
            mistakes: [Holding your breath.]
            evidence: A short note.
            sources: [acsm-2011]
            figure:
              view: side
              props:
                - wall: workingHand
              poses:
                - name: standing
                  shoulder: 90
                - name: leaning
                  trunk: 10
                  shoulder: 80
            """)]).CatalogueOrThrow();

    private static GuideLoad Load(string guide, string path = Path, ExerciseCatalogue? catalogue = null) =>
        GuideLoader.Load([new ContentFile(path, guide), new ContentFile("content/guides/other-guide.md", Other)], catalogue ?? Catalogue);

    private static ContentProblem SingleProblem(string guide, string path = Path)
    {
        var load = Load(guide, path);
        load.Library.ShouldBeNull();
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
    public void The_valid_base_loads_with_its_parts()
    {
        var load = Load(Valid);
        load.Problems.ShouldBeEmpty(string.Join(Environment.NewLine, load.Problems));
        var guide = load.LibraryOrThrow().Find("test-guide").ShouldNotBeNull();
        guide.Title.ShouldBe("Test guide");
        guide.Sources.ShouldHaveSingleItem().Id.ShouldBe("acsm-2011");
        guide.Exercises.ShouldBe(["wall-lean"]);
        guide.Helpers.ShouldBe([GuideHelper.IceTimer]);
        guide.Figures.ShouldHaveSingleItem().Title.ShouldBe("Lying down");
        guide.Markdown.ShouldStartWith("Some text about");
        guide.Html.ShouldContain("<h2>A section</h2>");
        guide.Html.ShouldContain("<a href=\"/exercises/wall-lean\">leaning</a>");
        guide.Html.ShouldContain("<a href=\"https://example.org/x\" rel=\"noopener noreferrer\">source</a>");
        guide.SourcePath.ShouldBe(Path);
        load.LibraryOrThrow().All.Select(g => g.Title).ShouldBe(["Other guide", "Test guide"], "ordered by title");
    }

    [Fact]
    public void A_missing_title_is_named() =>
        ShouldBe(SingleProblem(Valid.Replace("title: Test guide\n", "")), 2, "title", "is required");

    [Fact]
    public void An_empty_summary_is_named() =>
        ShouldBe(SingleProblem(Valid.Replace("summary: A guide used by the tests.", "summary: \"\"")), 4, "summary", "must not be empty");

    [Fact]
    public void An_unknown_source_id_is_named_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("sources: [acsm-2011]", "sources:\n  - acsm-2011\n  - made-up-2024")),
            7, "sources[2]", "\"made-up-2024\" is not defined in sources.yaml");

    [Fact]
    public void Sources_are_required() =>
        ShouldBe(SingleProblem(Valid.Replace("sources: [acsm-2011]", "sources: []")), 5, "sources", "must not be empty");

    [Fact]
    public void An_unknown_exercise_id_is_named_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("exercises: [wall-lean]", "exercises: [wall-lean, wall-sit]")), 6, "exercises[2]", "\"wall-sit\" is not the id of any exercise");

    [Fact]
    public void An_unknown_field_is_named() =>
        ShouldBe(SingleProblem(Valid.Replace("helpers: [iceTimer]", "helpers: [iceTimer]\nauthor: me")), 8, "author", "is not a known field");

    [Fact]
    public void An_unknown_helper_is_named() =>
        ShouldBe(SingleProblem(Valid.Replace("helpers: [iceTimer]", "helpers: [heatTimer]")), 7, "helpers[1]", "\"heatTimer\" is not one of: iceTimer");

    [Fact]
    public void An_id_that_does_not_match_the_file_name_is_reported() =>
        ShouldBe(SingleProblem(Valid, path: "content/guides/heat.md"), 2, "id", "must match the file name", "content/guides/heat.md");

    [Fact]
    public void An_id_that_is_not_kebab_case_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("id: test-guide", "id: Test_Guide"), path: "content/guides/Test_Guide.md"),
            2, "id", "kebab-case", "content/guides/Test_Guide.md");

    [Fact]
    public void A_guide_without_front_matter_is_reported_at_line_1() =>
        ShouldBe(SingleProblem("# Test guide\n\nSome text.\n"), 1, "(front matter)", "starts with a line of three dashes");

    [Fact]
    public void Front_matter_without_its_closing_line_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("knee: 65\n---\n", "knee: 65\n")),
            1, "(front matter)", "no closing --- line");

    [Fact]
    public void Front_matter_that_is_not_YAML_is_reported_near_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("summary: A guide used by the tests.", "summary: [unclosed")), 4, "(yaml)", "not valid YAML");

    [Fact]
    public void A_repeated_field_is_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("summary: A guide used by the tests.", "summary: A guide used by the tests.\ntitle: Again")), 5, "(yaml)", "duplicate key title");

    [Fact]
    public void A_forbidden_word_in_the_title_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("title: Test guide", "title: Heat that cures stiffness")), 3, "title", "says \"cures\"");

    [Fact]
    public void A_forbidden_word_in_the_summary_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("summary: A guide used by the tests.", "summary: Clinically proven relief.")), 4, "summary", "says \"Clinically proven\"");

    [Fact]
    public void A_forbidden_word_in_the_body_is_rejected_at_its_line_in_the_file() =>
        ShouldBe(SingleProblem(Valid.Replace("More text with", "Ice relieves stiffness. More text with")), 24, "body", "says \"relieves\"");

    [Fact]
    public void A_forbidden_phrase_split_over_two_lines_is_still_found() =>
        ShouldBe(SingleProblem(Valid.Replace("## A section\n", "## A section\n\nAfter this you are all\nclear to go.\n")), 24, "body", "says \"all clear\"");

    [Fact]
    public void A_forbidden_word_inside_emphasis_or_a_link_label_is_found() =>
        ShouldBe(SingleProblem(Valid.Replace("[source](https://example.org/x)", "[**treatment** notes](https://example.org/x)")), 24, "body", "says \"treatment\"");

    [Fact]
    public void A_forbidden_word_only_in_a_link_address_is_not_text_a_person_reads()
    {
        var load = Load(Valid.Replace("https://example.org/x", "https://example.org/treatment-options"));
        load.Problems.ShouldBeEmpty(string.Join(Environment.NewLine, load.Problems));
    }

    [Fact]
    public void A_forbidden_word_in_a_figure_description_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("description: A person lying on their back.", "description: A position that treats back pain.")),
            10, "figures[1].description", "says \"treats\"");

    [Fact]
    public void Raw_HTML_in_the_body_is_rejected_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("More text with", "<script>alert(1)</script> More text with")), 24, "body", "raw HTML is not allowed");

    [Fact]
    public void An_HTML_block_is_rejected_at_its_line() =>
        ShouldBe(SingleProblem(Valid.Replace("## A section\n", "## A section\n\n<div>boxed</div>\n")), 24, "body", "raw HTML is not allowed");

    [Fact]
    public void A_script_link_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("https://example.org/x", "javascript:alert(1)")), 24, "body", "must go to a page of this site");

    [Fact]
    public void A_plain_http_link_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("https://example.org/x", "http://example.org/x")), 24, "body", "or to an https:// address");

    [Fact]
    public void A_protocol_relative_link_is_not_same_site() =>
        ShouldBe(SingleProblem(Valid.Replace("https://example.org/x", "//example.org/x")), 24, "body", "must go to a page of this site");

    [Fact]
    public void An_image_from_another_site_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("## A section\n", "## A section\n\n![a drawing](https://example.org/x.png)\n")), 24, "body", "must come from this site");

    [Fact]
    public void An_image_from_this_site_is_allowed()
    {
        var load = Load(Valid.Replace("## A section\n", "## A section\n\n![The wall lean](/exercises/wall-lean/figure.svg)\n"));
        load.Problems.ShouldBeEmpty(string.Join(Environment.NewLine, load.Problems));
    }

    [Fact]
    public void A_link_to_an_unknown_exercise_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("(/exercises/wall-lean)", "(/exercises/wall-sit)")), 20, "body", "\"wall-sit\", which is not the id of any exercise");

    [Fact]
    public void A_link_to_an_unknown_guide_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("(/guides/other-guide)", "(/guides/no-such-guide)")), 20, "body", "\"no-such-guide\", which is not the id of any guide");

    [Fact]
    public void A_code_block_is_rejected_so_that_no_text_escapes_the_checks() =>
        ShouldBe(SingleProblem(Valid.Replace("## A section\n", "## A section\n\n    indented by accident\n")), 24, "body", "code block");

    [Fact]
    public void A_top_level_heading_in_the_body_is_rejected() =>
        ShouldBe(SingleProblem(Valid.Replace("## A section", "# A section")), 22, "body", "only top-level heading");

    [Fact]
    public void An_empty_body_is_reported()
    {
        var text = Valid[..(Valid.IndexOf("knee: 65\n---\n", StringComparison.Ordinal) + "knee: 65\n---\n".Length)];
        ShouldBe(SingleProblem(text), 18, "body", "needs some text");
    }

    [Fact]
    public void A_body_longer_than_two_phone_screens_is_reported() =>
        ShouldBe(SingleProblem(Valid + "\n\n" + string.Join(' ', Enumerable.Repeat("word", 900)) + "\n"), 20, "body", "keep a guide to a phone screen or two");

    [Fact]
    public void A_figure_angle_out_of_range_is_named() =>
        ShouldBe(SingleProblem(Valid.Replace("knee: 65", "knee: [200, 65]")), 17, "figures[1].pose.knee", "working side 200 degrees is outside the knee range");

    [Fact]
    public void A_figure_without_a_pose_is_named() =>
        ShouldBe(SingleProblem(Valid.Replace("    pose:\n      trunk: -90\n      hip: 35\n      knee: 65\n", "")), 9, "figures[1].pose", "is required");

    [Fact]
    public void An_unknown_prop_is_named() =>
        ShouldBe(SingleProblem(Valid.Replace("- pillow: workingKnee", "- duvet: workingKnee")), 13, "figures[1].props[1].duvet", "is not a prop");

    [Fact]
    public void Two_guides_with_one_title_are_reported() =>
        ShouldBe(SingleProblem(Valid.Replace("title: Test guide", "title: Other guide")), 3, "title", "already the title of content/guides/other-guide.md");

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_read_as_usual()
    {
        var load = Load("\uFEFF" + Valid.ReplaceLineEndings("\r\n"));
        load.Problems.ShouldBeEmpty(string.Join(Environment.NewLine, load.Problems));
    }

    [Fact]
    public void Without_a_catalogue_the_guides_are_still_checked_but_give_no_library()
    {
        static GuideLoad WithoutCatalogue(string guide) =>
            GuideLoader.Load([new ContentFile(Path, guide), new ContentFile("content/guides/other-guide.md", Other)], catalogue: null);
        var load = WithoutCatalogue(Valid.Replace("title: Test guide", "title: Test cure"));
        load.Library.ShouldBeNull();
        ShouldBe(load.Problems.ShouldHaveSingleItem(), 3, "title", "says \"cure\"");
        var unverified = WithoutCatalogue(Valid.Replace("sources: [acsm-2011]", "sources: [made-up-2024]"));
        unverified.Problems.ShouldBeEmpty("sources and exercises are only checked against a catalogue");
        unverified.Library.ShouldBeNull("no library is made without a catalogue");
    }

    [Fact]
    public void Every_problem_in_a_guide_is_reported_at_once()
    {
        var load = Load(Valid.Replace("title: Test guide\n", "").Replace("exercises: [wall-lean]", "exercises: [wall-sit]")
            .Replace("More text with", "A cure. More text with"));
        load.Problems.Select(p => p.Field).ShouldBe(["title", "exercises[1]", "body"]);
    }
}
