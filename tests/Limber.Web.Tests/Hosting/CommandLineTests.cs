using System.Diagnostics;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// The host's verbs and its refusal to start on broken content, run as the real program in a child process.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("limber-content-").FullName;

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

    private void Write(string exercise)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "exercises"));
        File.WriteAllText(Path.Combine(_folder, "sources.yaml"), Sources);
        File.WriteAllText(Path.Combine(_folder, "exercises", "wall-lean.yaml"), exercise);
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Limber.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Content_check_passes_good_content_with_exit_code_0()
    {
        Write(Exercise);
        var (code, output, _) = await Run("content", "check", _folder);
        code.ShouldBe(0);
        output.ShouldContain("Content OK: 1 exercises, 1 sources");
    }

    [Fact]
    public async Task Content_check_prints_path_line_field_and_message_and_exits_1()
    {
        Write(Exercise.Replace("holdSeconds: 20", "holdSeconds: 200").Replace("equipment: [wall]", "equipment: [sofa]"));
        var (code, _, error) = await Run("content", "check", _folder);
        code.ShouldBe(1);
        var file = Path.Combine(_folder, "exercises", "wall-lean.yaml");
        error.ShouldContain($"{file}:8: equipment[1]: \"sofa\" is not one of");
        error.ShouldContain($"{file}:11: dose.holdSeconds: must be between 1 and 120, not 200");
        error.ShouldContain("2 problem(s)");
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_broken_content_and_says_why()
    {
        Write(Exercise.Replace("kind: stretch", "kind: nap"));
        var (code, output, error) = await Run($"--Limber:ContentPath={_folder}", $"--Limber:DataPath={Path.Combine(_folder, "data")}", "--urls", "http://127.0.0.1:0");
        code.ShouldBe(1);
        error.ShouldContain("Limber cannot start");
        error.ShouldContain("wall-lean.yaml:4: kind: \"nap\" is not one of");
        output.ShouldNotContain("Limber is running");
        Directory.Exists(Path.Combine(_folder, "data")).ShouldBeFalse("nothing is written when the app refuses to start");
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_with_the_usage()
    {
        var (code, _, error) = await Run("contnet", "chek");
        code.ShouldBe(2);
        error.ShouldContain("Unknown command: contnet chek");
        error.ShouldContain("content check");
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (code, output, _) = await Run("help");
        code.ShouldBe(0);
        output.ShouldContain("content check");
        output.ShouldContain("5080");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
