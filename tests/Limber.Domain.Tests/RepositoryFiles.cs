using Limber.Domain.Catalogue;

namespace Limber.Domain.Tests;

/// <summary>Reads the repository's real content, so tests check what people will actually see.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    private static readonly Lazy<CatalogueLoad> Loaded = new(() => CatalogueLoader.Load(
        new ContentFile("content/sources.yaml", File.ReadAllText(Path.Combine(Content, "sources.yaml"))),
        Directory.EnumerateFiles(Path.Combine(Content, "exercises"), "*.yaml")
            .Select(p => new ContentFile("content/exercises/" + Path.GetFileName(p), File.ReadAllText(p)))
            .ToList()));

    public static CatalogueLoad Load() => Loaded.Value;

    public static ExerciseCatalogue Catalogue => Load().CatalogueOrThrow();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Limber.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Limber.slnx) above " + AppContext.BaseDirectory);
    }
}
