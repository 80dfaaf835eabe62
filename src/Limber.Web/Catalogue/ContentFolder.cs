using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Guides;

namespace Limber.Web.Catalogue;

/// <summary>Finds the content folder and reads it from disk into a validated catalogue.</summary>
public static class ContentFolder
{
    public const string ConfigKey = "Limber:ContentPath";

    /// <summary>
    /// The configured folder, else the nearest <c>content/</c> above the working directory (a clone),
    /// else the copy beside the program (a published build).
    /// </summary>
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content");
            if (Directory.Exists(Path.Combine(candidate, "exercises")))
            {
                return candidate;
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "content");
    }

    public static CatalogueLoad Load(string folder)
    {
        var sourcesPath = Path.Combine(folder, "sources.yaml");
        var exercisesDir = Path.Combine(folder, "exercises");
        if (!Directory.Exists(exercisesDir))
        {
            return new CatalogueLoad(null, [new ContentProblem(Display(exercisesDir), 1, "(folder)",
                $"no exercises folder here; set {ConfigKey} to the content folder")]);
        }
        var sources = File.Exists(sourcesPath)
            ? new ContentFile(Display(sourcesPath), File.ReadAllText(sourcesPath))
            : new ContentFile(Display(sourcesPath), "");
        var files = Directory.EnumerateFiles(exercisesDir)
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Select(p => new ContentFile(Display(p), File.ReadAllText(p)))
            .ToList();
        var wrongExtension = files
            .Where(f => !f.Path.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(f => new ContentProblem(f.Path, 1, "(file)", "exercise files must end in .yaml"))
            .ToList();
        var load = CatalogueLoader.Load(sources, files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal)));
        // The guides and the coaches' program templates are content too: a broken one stops the start and fails the
        // check like a broken exercise.
        List<ContentProblem> problems =
            [.. wrongExtension, .. load.Problems, .. LoadGuides(folder, load.Catalogue).Problems, .. LoadPrograms(folder, load.Catalogue).Problems];
        return problems.Count == 0 ? load : new CatalogueLoad(null, problems);
    }

    /// <summary>
    /// The self-care guides in <c>guides/*.md</c>, checked against the catalogue's sources and exercises. A content
    /// folder without a guides folder has no guides.
    /// </summary>
    public static GuideLoad LoadGuides(string folder, ExerciseCatalogue? catalogue)
    {
        var (files, wrongExtension) = ReadFolder(Path.Combine(folder, "guides"), ".md", "guide");
        var load = GuideLoader.Load(files, catalogue);
        return wrongExtension.Count == 0 ? load : new GuideLoad(null, [.. wrongExtension, .. load.Problems]);
    }

    /// <summary>
    /// The program templates coaches start from, in <c>programs/*.yaml</c>, checked against the catalogue. A content
    /// folder without a programs folder has no templates.
    /// </summary>
    public static ProgramTemplateLoad LoadPrograms(string folder, ExerciseCatalogue? catalogue)
    {
        var (files, wrongExtension) = ReadFolder(Path.Combine(folder, "programs"), ".yaml", "program template");
        var load = ProgramTemplateLoader.Load(files, catalogue);
        return wrongExtension.Count == 0 ? load : new ProgramTemplateLoad(null, [.. wrongExtension, .. load.Problems]);
    }

    /// <summary>
    /// The files of one content folder with the right ending, and a problem for each with another (hidden files left
    /// out); none at all when the folder does not exist.
    /// </summary>
    private static (List<ContentFile> Files, List<ContentProblem> WrongExtension) ReadFolder(string directory, string extension, string what)
    {
        if (!Directory.Exists(directory))
        {
            return ([], []);
        }
        var files = Directory.EnumerateFiles(directory)
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Select(p => new ContentFile(Display(p), File.ReadAllText(p)))
            .ToList();
        var wrongExtension = files
            .Where(f => !f.Path.EndsWith(extension, StringComparison.Ordinal))
            .Select(f => new ContentProblem(f.Path, 1, "(file)", $"{what} files must end in {extension}"))
            .ToList();
        return ([.. files.Where(f => f.Path.EndsWith(extension, StringComparison.Ordinal))], wrongExtension);
    }

    /// <summary>Paths in messages are relative to the working directory when inside it, as editors expect.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
