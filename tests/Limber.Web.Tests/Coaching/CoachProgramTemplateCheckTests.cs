using Limber.Web.Catalogue;
using Limber.Web.Cli;
using Limber.Web.Hosting;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// The coaches' program templates are content like the exercises: loaded at start, and a broken one stops the app with
/// its path, line and field, and fails <c>content check</c> the same way. Both run in this process, on a content
/// folder of the test's own.
/// </summary>
public sealed class CoachProgramTemplateCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("limber-programs-").FullName;

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

    private const string Program = """
        id: wall-start
        name: Wall start
        summary: A gentle start against a wall.
        items:
          - exercise: wall-lean
            maxLevelsUp: 2
            note: Lean only as far as is easy.
        """;

    private string ProgramPath => Path.Combine(_folder, "programs", "wall-start.yaml");

    private void Write(string program)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "exercises"));
        Directory.CreateDirectory(Path.Combine(_folder, "programs"));
        File.WriteAllText(Path.Combine(_folder, "sources.yaml"), Sources);
        File.WriteAllText(Path.Combine(_folder, "exercises", "wall-lean.yaml"), Exercise);
        File.WriteAllText(ProgramPath, program);
    }

    private (int? ExitCode, string Output, string Error) Check()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.TryRun(["content", "check", _folder], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A claim Limber never makes, on line 7.</summary>
    private static string Claim => Program.Replace("Lean only as far as is easy.", "This cures a stiff back.");

    /// <summary>A dose the exercise does not use, on line 8.</summary>
    private static string Dose => Program.Replace("id: wall-start", "id: wall-dose").Replace("name: Wall start", "name: Wall dose")
        .Replace("note: Lean only as far as is easy.", "dose:\n      reps: 5");

    [Fact]
    public void A_good_template_passes_the_check_and_loads()
    {
        Write(Program);
        var (code, output, error) = Check();
        code.ShouldBe(0, error);
        output.ShouldContain("Content OK");

        ContentFolder.LoadPrograms(_folder, ContentFolder.Load(_folder).Catalogue).TemplatesOrThrow().All.Select(t => t.Id).ShouldBe(["wall-start"]);
    }

    [Fact]
    public void The_check_names_path_line_and_field_of_each_problem_of_a_broken_template_and_exits_1()
    {
        Write(Claim);
        File.WriteAllText(Path.Combine(_folder, "programs", "wall-dose.yaml"), Dose);
        File.WriteAllText(Path.Combine(_folder, "programs", "notes.txt"), "not a template");
        var (code, _, error) = Check();
        code.ShouldBe(1);
        error.ShouldContain($"{ProgramPath}:7: items[1].note: says \"cures\"");
        error.ShouldContain($"{Path.Combine(_folder, "programs", "wall-dose.yaml")}:8: items[1].dose.reps: must be left out: Wall lean is not counted in repetitions");
        error.ShouldContain($"{Path.Combine(_folder, "programs", "notes.txt")}:1: (file): program template files must end in .yaml");
    }

    [Fact]
    public void The_app_refuses_to_start_with_a_broken_template_and_says_why()
    {
        Write(Program.Replace("exercise: wall-lean", "exercise: wall-sit"));
        var data = Path.Combine(_folder, "data");
        var refused = Should.Throw<StartupException>(() =>
            LimberApp.Build([$"--Limber:ContentPath={_folder}", $"--Limber:DataPath={data}", "--urls", "http://127.0.0.1:0"]));
        refused.Message.ShouldContain("Limber cannot start");
        refused.Message.ShouldContain($"{ProgramPath}:5: items[1].exercise: \"wall-sit\" is not the id of any exercise");
        Directory.Exists(data).ShouldBeFalse("nothing is written when the app refuses to start");
    }

    [Fact]
    public void A_content_folder_without_programs_has_no_templates_and_still_passes()
    {
        Write(Program);
        Directory.Delete(Path.Combine(_folder, "programs"), recursive: true);
        Check().ExitCode.ShouldBe(0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
