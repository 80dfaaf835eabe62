using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;

namespace Limber.Domain.Tests.Coaching;

/// <summary>The repository's real program templates in content/programs, loaded against its real catalogue.</summary>
internal static class RepositoryPrograms
{
    private static readonly Lazy<ProgramTemplateLoad> Loaded = new(() =>
        ProgramTemplateLoader.Load(Read(Path.Combine(RepositoryFiles.Content, "programs"), "content/programs"), RepositoryFiles.Catalogue));

    public static ProgramTemplateLoad Load() => Loaded.Value;

    public static ProgramTemplates Templates => Load().TemplatesOrThrow();

    public static ProgramTemplate Get(string id) => Templates.Find(id) ?? throw new ShouldAssertException($"No program '{id}' in content/programs");

    /// <summary>
    /// Every .yaml file in a folder and its subfolders, named in messages as <paramref name="shownAs"/> plus the path
    /// inside the folder, the way the host reads content.
    /// </summary>
    public static List<ContentFile> Read(string folder, string shownAs) =>
        Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Select(p => new ContentFile(shownAs + "/" + Path.GetRelativePath(folder, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
}
