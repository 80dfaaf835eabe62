using Limber.Web.Catalogue;
using Limber.Web.Coaching;

namespace Limber.Web.Cli;

/// <summary>
/// Command-line verbs of the Limber host, for operators and content authors.
/// Anything that is not a verb starts the web app.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage:
          Limber.Web                          start the web app (http://localhost:5080)
          Limber.Web --port 5090              start it on another port
          Limber.Web content check [folder]   validate the content (exercises, guides, program templates); prints path:line: field: message
        """ + "\n" + OrganisationCommands.Usage + "\n" + """
          Limber.Web help                     show this text
        """;

    /// <summary>Runs a verb when the arguments name one; returns null when the web app should start.</summary>
    public static int? TryRun(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return args.Length > 0 && args[0] is "--help" or "-h" ? Help(output) : null;
        }
        return args switch
        {
            ["help"] => Help(output),
            ["content", "check"] => CheckContent(null, output, error),
            ["content", "check", var folder] => CheckContent(folder, output, error),
            ["organisation", .. var rest] => OrganisationCommands.Run(rest, output, error),
            _ => Unknown(args, error),
        };
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    private static int Unknown(string[] args, TextWriter error)
    {
        error.WriteLine($"Unknown command: {string.Join(' ', args)}");
        error.WriteLine(Usage);
        return 2;
    }

    private static int CheckContent(string? folder, TextWriter output, TextWriter error)
    {
        var location = ContentFolder.Locate(folder ?? Environment.GetEnvironmentVariable("Limber__ContentPath"));
        var load = ContentFolder.Load(location);
        if (load.Catalogue is { } catalogue)
        {
            var programs = ContentFolder.LoadPrograms(location, catalogue).TemplatesOrThrow();
            output.WriteLine($"Content OK: {catalogue.All.Count} exercises, {catalogue.Sources.Count} sources, {programs.All.Count} program templates in {location}");
            return 0;
        }
        foreach (var problem in load.Problems)
        {
            error.WriteLine(problem);
        }
        error.WriteLine($"{load.Problems.Count} problem(s) in {location}");
        return 1;
    }
}
