using Limber.Web.Cli;
using Limber.Web.Hosting;

namespace Limber.Web.Tests.Guides;

/// <summary>
/// A broken guide is content like a broken exercise: <c>content check</c> prints it as path:line: field: message and
/// exits 1, and the app refuses to start. Both run in this process, on a content folder of the test's own.
/// </summary>
public sealed class GuideContentCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("limber-guides-").FullName;

    private const string Sources = "acsm-2011:\n  citation: \"Garber CE, et al. 2011.\"\n";

    private const string Exercise = """
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
        """;

    private const string Guide = """
        ---
        id: warm-up
        title: Warm up
        summary: A short guide.
        sources: [acsm-2011]
        exercises: [wall-lean]
        ---

        Try the [wall lean](/exercises/wall-lean) after a warm shower.
        """;

    private string GuidePath => Path.Combine(_folder, "guides", "warm-up.md");

    private void Write(string guide)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "exercises"));
        Directory.CreateDirectory(Path.Combine(_folder, "guides"));
        File.WriteAllText(Path.Combine(_folder, "sources.yaml"), Sources);
        File.WriteAllText(Path.Combine(_folder, "exercises", "wall-lean.yaml"), Exercise);
        File.WriteAllText(GuidePath, guide);
    }

    private (int? ExitCode, string Output, string Error) Check()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.TryRun(["content", "check", _folder], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_good_guide_passes_the_check()
    {
        Write(Guide);
        var (code, output, error) = Check();
        code.ShouldBe(0, error);
        output.ShouldContain("Content OK");
    }

    [Fact]
    public void The_check_names_path_line_and_field_of_each_broken_guide_and_exits_1()
    {
        Write(Guide.Replace("title: Warm up\n", "").Replace("sources: [acsm-2011]", "sources: [nowhere-2020]")
            .Replace("after a warm shower", "for pain relief"));
        var (code, _, error) = Check();
        code.ShouldBe(1);
        error.ShouldContain($"{GuidePath}:2: title: is required");
        error.ShouldContain($"{GuidePath}:4: sources[1]: \"nowhere-2020\" is not defined in sources.yaml");
        error.ShouldContain($"{GuidePath}:8: body: says \"relief\"");
        error.ShouldContain("3 problem(s)");
    }

    [Fact]
    public void An_unknown_exercise_and_bad_front_matter_are_reported()
    {
        Write(Guide.Replace("exercises: [wall-lean]", "exercises: [wall-sit]"));
        File.WriteAllText(Path.Combine(_folder, "guides", "no-front-matter.md"), "# Just text\n");
        File.WriteAllText(Path.Combine(_folder, "guides", "notes.txt"), "not a guide");
        var (code, _, error) = Check();
        code.ShouldBe(1);
        error.ShouldContain($"{GuidePath}:6: exercises[1]: \"wall-sit\" is not the id of any exercise");
        error.ShouldContain($"{Path.Combine(_folder, "guides", "no-front-matter.md")}:1: (front matter): a guide starts with a line of three dashes");
        error.ShouldContain($"{Path.Combine(_folder, "guides", "notes.txt")}:1: (file): guide files must end in .md");
    }

    [Fact]
    public void The_app_refuses_to_start_with_a_broken_guide_and_says_why()
    {
        Write(Guide.Replace("title: Warm up", "title: Warm-up that cures"));
        var data = Path.Combine(_folder, "data");
        var refused = Should.Throw<StartupException>(() =>
            LimberApp.Build([$"--Limber:ContentPath={_folder}", $"--Limber:DataPath={data}", "--urls", "http://127.0.0.1:0"]));
        refused.Message.ShouldContain("Limber cannot start");
        refused.Message.ShouldContain($"{GuidePath}:3: title: says \"cures\"");
        Directory.Exists(data).ShouldBeFalse("nothing is written when the app refuses to start");
    }

    [Fact]
    public void A_content_folder_without_guides_still_passes()
    {
        Write(Guide);
        Directory.Delete(Path.Combine(_folder, "guides"), recursive: true);
        Check().ExitCode.ShouldBe(0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
