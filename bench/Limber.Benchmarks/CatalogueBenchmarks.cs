using BenchmarkDotNet.Attributes;
using Limber.Domain.Catalogue;

namespace Limber.Benchmarks;

/// <summary>
/// Targets (issue 2): load and validate the whole catalogue under 50 ms; one filtered query under 20 µs.
/// </summary>
[MemoryDiagnoser]
public class CatalogueBenchmarks
{
    private string _content = "";
    private ContentFile _sources = null!;
    private List<ContentFile> _exercises = null!;
    private ExerciseCatalogue _catalogue = null!;

    private static readonly ExerciseQuery Filtered = new()
    {
        Text = "stretch",
        BodyAreas = [BodyArea.HipFront, BodyArea.LowerBack],
        Positions = [StartPosition.Standing, StartPosition.Seated, StartPosition.LyingBack],
        EquipmentAvailable = [Equipment.Chair, Equipment.Towel],
        MaxMinutes = 5,
    };

    private static readonly Dictionary<string, string[]> QueryString = new()
    {
        ["q"] = ["stretch"],
        ["bodyArea"] = ["hipFront,lowerBack"],
        ["position"] = ["standing", "seated", "lyingBack"],
        ["equipment"] = ["chair", "towel"],
        ["maxMinutes"] = ["5"],
    };

    [GlobalSetup]
    public void Setup()
    {
        _content = ContentRoot();
        (_sources, _exercises) = Read(_content);
        _catalogue = CatalogueLoader.Load(_sources, _exercises).CatalogueOrThrow();
    }

    /// <summary>Read every file from disk, parse and validate: what start-up and `content check` do.</summary>
    [Benchmark]
    public ExerciseCatalogue ReadAndLoadCatalogue()
    {
        var (sources, exercises) = Read(_content);
        return CatalogueLoader.Load(sources, exercises).CatalogueOrThrow();
    }

    /// <summary>Parse and validate only, from text already in memory.</summary>
    [Benchmark]
    public ExerciseCatalogue LoadCatalogueFromText() => CatalogueLoader.Load(_sources, _exercises).CatalogueOrThrow();

    /// <summary>One catalogue search with text and four filters, as the page and the API run it.</summary>
    [Benchmark]
    public ExercisePage FilteredQuery() => _catalogue.Query(Filtered);

    /// <summary>The same search including parsing its query string.</summary>
    [Benchmark]
    public ExercisePage ParseAndQuery()
    {
        var (query, _) = ExerciseQueryParser.Parse(name => QueryString.TryGetValue(name, out var v) ? v : []);
        return _catalogue.Query(query);
    }

    /// <summary>The repository's catalogue, for benchmarks of other parts.</summary>
    public static ExerciseCatalogue LoadRepositoryCatalogue()
    {
        var (sources, exercises) = Read(ContentRoot());
        return CatalogueLoader.Load(sources, exercises).CatalogueOrThrow();
    }

    private static (ContentFile Sources, List<ContentFile> Exercises) Read(string content) => (
        new ContentFile("content/sources.yaml", File.ReadAllText(Path.Combine(content, "sources.yaml"))),
        Directory.EnumerateFiles(Path.Combine(content, "exercises"), "*.yaml")
            .Select(p => new ContentFile("content/exercises/" + Path.GetFileName(p), File.ReadAllText(p)))
            .ToList());

    private static string ContentRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Limber.slnx")))
                {
                    return Path.Combine(dir.FullName, "content");
                }
            }
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
