using Limber.Domain.Catalogue;
using Limber.Domain.Guides;

namespace Limber.Domain.Tests.Guides;

/// <summary>The repository's real guides in content/guides, loaded against its real catalogue.</summary>
internal static class RepositoryGuides
{
    private static readonly Lazy<GuideLoad> Loaded = new(() => GuideLoader.Load(
        Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Content, "guides"), "*.md")
            .Select(p => new ContentFile("content/guides/" + Path.GetFileName(p), File.ReadAllText(p)))
            .ToList(),
        RepositoryFiles.Catalogue));

    public static GuideLoad Load() => Loaded.Value;

    public static GuideLibrary Library => Load().LibraryOrThrow();

    public static Guide Get(string id) => Library.Find(id) ?? throw new ShouldAssertException($"No guide '{id}' in content/guides");
}
