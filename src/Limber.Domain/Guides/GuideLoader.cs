using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;

namespace Limber.Domain.Guides;

/// <summary>
/// Parses and validates the guides in content/guides: YAML front matter between two <c>---</c> lines, then Markdown.
/// Problems are reported like the catalogue's, as <c>path:line: field: message</c> with the line in the file.
/// Pure: the caller reads the files.
/// </summary>
public static class GuideLoader
{
    private static readonly string[] GuideFields = ["id", "title", "summary", "sources", "exercises", "figures", "helpers"];
    private static readonly string[] FigureFields = ["title", "description", "view", "anchor", "props", "pose"];

    // The angles FigureReader.ReadPose reads; a guide figure is one still pose, so it has no name, move or hold.
    private static readonly string[] PoseFields = ["trunk", "spine", "neck", "shoulder", "elbow", "hip", "knee", "ankle", "lift"];

    /// <param name="files">The guide files, each named content/guides/&lt;id&gt;.md.</param>
    /// <param name="catalogue">
    /// The loaded catalogue, for the sources and exercises guides cite. Null when it did not load: the guides are still
    /// checked, but not their sources and exercise ids, and no library is made.
    /// </param>
    public static GuideLoad Load(IEnumerable<ContentFile> files, ExerciseCatalogue? catalogue)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var problems = new List<ContentProblem>();
        // Every id is its file name (checked below), so links between guides can be checked before any is parsed.
        var guideIds = ordered.Select(f => Path.GetFileNameWithoutExtension(f.Path)).ToHashSet(StringComparer.Ordinal);
        var exerciseIds = catalogue?.All.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        var guides = new List<(Guide Guide, YamlMap Map)>();
        foreach (var file in ordered)
        {
            if (Parse(file, catalogue, exerciseIds, guideIds, problems) is { } parsed)
            {
                guides.Add(parsed);
            }
        }

        var titles = new Dictionary<string, Guide>(StringComparer.OrdinalIgnoreCase);
        foreach (var (guide, map) in guides)
        {
            if (!titles.TryAdd(guide.Title, guide))
            {
                map.Problem(map.LineOf("title"), "title", $"\"{guide.Title}\" is already the title of {titles[guide.Title].SourcePath}");
            }
        }

        if (problems.Count > 0 || catalogue is null)
        {
            return new GuideLoad(null, problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToList());
        }
        return new GuideLoad(new GuideLibrary(guides.Select(g => g.Guide)), []);
    }

    private static (Guide, YamlMap)? Parse(ContentFile file, ExerciseCatalogue? catalogue, HashSet<string>? exerciseIds,
        HashSet<string> guideIds, List<ContentProblem> problems)
    {
        var lines = file.Text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines[0].TrimEnd() != "---")
        {
            problems.Add(new ContentProblem(file.Path, 1, "(front matter)",
                "a guide starts with a line of three dashes (---), then its fields, then another --- line, then its text"));
            return null;
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (close < 0)
        {
            problems.Add(new ContentProblem(file.Path, 1, "(front matter)", "has no closing --- line after the fields"));
            return null;
        }

        // The opening "---" is a YAML document start, so the front matter keeps its own line numbers.
        var frontMatter = new ContentFile(file.Path, string.Join('\n', lines[..close]) + "\n");
        if (CatalogueLoader.ReadRoot(frontMatter, problems) is not { } map)
        {
            return null;
        }
        var before = problems.Count;
        map.RejectUnknown(GuideFields);

        var id = CatalogueLoader.ReadId(map, file);
        var title = map.String("title", required: true);
        var summary = map.String("summary", required: true);
        CheckWording(map, "title", title);
        CheckWording(map, "summary", summary);

        var sources = ReadSources(map, catalogue);
        var exercises = map.Strings("exercises", required: false);
        if (exerciseIds is not null)
        {
            for (var i = 0; i < exercises.Count; i++)
            {
                if (!exerciseIds.Contains(exercises[i]))
                {
                    map.Problem(map.LineOfItem("exercises", i), $"exercises[{i + 1}]", $"\"{exercises[i]}\" is not the id of any exercise");
                }
            }
        }
        var figures = ReadFigures(map);
        var helpers = map.Enums<GuideHelper>("helpers", required: false);

        // Markdig counts lines from the first line of text, so blank lines after the front matter are left out of it.
        var start = close + 1;
        while (start < lines.Length && lines[start].Trim().Length == 0)
        {
            start++;
        }
        var markdown = string.Join('\n', lines[start..]).TrimEnd() + "\n";
        var firstBodyLine = start < lines.Length ? start + 1 : close + 1;
        GuideMarkdown.Check(
            new GuideMarkdown.Body(markdown, firstBodyLine, (line, message) => problems.Add(new ContentProblem(file.Path, line, "body", message))),
            exerciseIds, guideIds);

        if (problems.Count > before || id is null || title is null || summary is null)
        {
            return null;
        }
        return (new Guide
        {
            Id = id,
            Title = title,
            Summary = summary,
            Sources = sources,
            Exercises = exercises,
            Figures = figures,
            Helpers = helpers,
            Markdown = markdown,
            Html = GuideMarkdown.Render(markdown),
            SourcePath = file.Path,
        }, map);
    }

    private static List<Source> ReadSources(YamlMap map, ExerciseCatalogue? catalogue)
    {
        var ids = map.Strings("sources", required: true, nonEmpty: true);
        var cited = new List<Source>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (catalogue is null)
            {
                continue;
            }
            if (catalogue.Sources.TryGetValue(ids[i], out var source))
            {
                cited.Add(source);
            }
            else
            {
                map.Problem(map.LineOfItem("sources", i), $"sources[{i + 1}]", $"\"{ids[i]}\" is not defined in sources.yaml");
            }
        }
        return cited;
    }

    /// <summary>
    /// Each figure is one still pose in the exercise figures' terms (view, props, joint angles), checked by the same
    /// reader, so a guide can only draw what the figure renderer draws for exercises.
    /// </summary>
    private static List<GuideFigure> ReadFigures(YamlMap map)
    {
        var figures = new List<GuideFigure>();
        foreach (var figure in map.Maps("figures", required: false))
        {
            var before = figure.ProblemCount;
            figure.RejectUnknown(FigureFields);
            var title = figure.String("title", required: true);
            var description = figure.String("description", required: true);
            CheckWording(figure, "title", title);
            CheckWording(figure, "description", description);
            var view = figure.Enum<FigureView>("view", required: true);
            var anchor = figure.Enum<BodyPoint>("anchor", required: false);
            var props = FigureReader.ReadProps(figure);
            Pose? pose = null;
            if (figure.Map("pose", required: true) is { } angles)
            {
                angles.RejectUnknown(PoseFields);
                pose = FigureReader.ReadPose(angles, view ?? FigureView.Side);
            }
            if (figure.ProblemCount == before && title is not null && description is not null && view is not null && pose is not null)
            {
                var still = new Keyframe(title, pose, MoveSeconds: 0, HoldSeconds: 0);
                figures.Add(new GuideFigure(title, description, new FigureScript(view.Value, props, [still], anchor, ReturnSeconds: 0)));
            }
        }
        return figures;
    }

    private static void CheckWording(YamlMap map, string field, string? text)
    {
        if (text is not null && CatalogueLoader.ForbiddenClaim().Match(text) is { Success: true } m)
        {
            map.Problem(map.LineOf(field), field, GuideMarkdown.WordingMessage(m.Value));
        }
    }
}
