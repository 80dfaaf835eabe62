using System.Text.RegularExpressions;
using Limber.Domain.Illustration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Limber.Domain.Catalogue;

/// <summary>The outcome of loading content: a catalogue when there were no problems, and every problem found.</summary>
public sealed record CatalogueLoad(ExerciseCatalogue? Catalogue, IReadOnlyList<ContentProblem> Problems)
{
    public bool Succeeded => Catalogue is not null;

    public ExerciseCatalogue CatalogueOrThrow() => Catalogue ?? throw new ContentException(Problems);
}

/// <summary>
/// Parses and validates the catalogue content: content/sources.yaml and one YAML file per exercise.
/// Pure: the caller reads the files; this only sees their paths and text.
/// </summary>
public static partial class CatalogueLoader
{
    public const int MinStretchHoldSeconds = 10;   // ACSM (Garber 2011): hold 10-30 s, 30-60 s for older adults.
    public const int MaxStretchHoldSeconds = 60;

    private static readonly string[] ExerciseFields =
    [
        "id", "name", "aliases", "summary", "kind", "bodyAreas", "muscles", "position", "equipment",
        "difficulty", "dose", "steps", "cues", "mistakes", "easier", "harder", "cautions", "skipIf",
        "evidence", "sources", "figure",
    ];

    private static readonly string[] DoseFields =
        ["holdSeconds", "reps", "sets", "perSide", "perDirection", "durationSeconds", "restSeconds"];

    private static readonly string[] SourceFields = ["citation", "url"];

    // Limber is a wellness tool: content must not claim to treat, cure, relieve or diagnose (product.md).
    [GeneratedRegex(@"\b(treat(s|ed|ing|ment|ments)?|cur(e|es|ed|ing)|reliev(e|es|ed|ing)|relief|diagnos(e|es|ed|ing|is)|clinically proven|all clear)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex ForbiddenClaim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    internal static partial Regex KebabCase();

    public static CatalogueLoad Load(ContentFile sourcesFile, IEnumerable<ContentFile> exerciseFiles)
    {
        var problems = new List<ContentProblem>();
        var sources = LoadSources(sourcesFile, problems);

        var parsed = new List<Parsed>();
        foreach (var file in exerciseFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (ParseExercise(file, sources, problems) is { } p)
            {
                parsed.Add(p);
            }
        }
        CheckAcrossFiles(parsed, problems);

        if (problems.Count > 0)
        {
            return new CatalogueLoad(null, Order(problems));
        }
        return new CatalogueLoad(new ExerciseCatalogue(parsed.Select(p => p.Exercise), sources), []);
    }

    private static List<ContentProblem> Order(List<ContentProblem> problems) =>
        problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();

    private static Dictionary<string, Source> LoadSources(ContentFile file, List<ContentProblem> problems)
    {
        var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
        if (ReadRoot(file, problems) is not { } root)
        {
            return sources;
        }
        foreach (var id in root.Keys)
        {
            if (!KebabCase().IsMatch(id))
            {
                root.Problem(root.LineOf(id), id, "a source id must be kebab-case, like acsm-2011");
                continue;
            }
            if (root.Map(id, required: true) is not { } entry)
            {
                continue;
            }
            entry.RejectUnknown(SourceFields);
            var citation = entry.String("citation", required: true);
            var url = entry.String("url", required: false);
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                entry.Problem(entry.LineOf("url"), "url", "must be an absolute https:// address");
                url = null;
            }
            // Kept even when broken, so that citing it does not add a second, misleading problem.
            sources[id] = new Source(id, citation ?? "", url);
        }
        return sources;
    }

    internal static YamlMap? ReadRoot(ContentFile file, List<ContentProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(file.Text));
        }
        catch (YamlException e) when (e.InnerException is ArgumentException)
        {
            // The representation model reports a repeated key as a bare dictionary error.
            problems.Add(new ContentProblem(file.Path, (int)Math.Max(1, e.Start.Line), "(yaml)",
                "a field appears more than once in one mapping (duplicate key)"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input, without a position.
            problems.Add(new ContentProblem(file.Path, LastReadableLine(file.Text), "(yaml)",
                "is not valid YAML near here: check brackets, quotes and indentation"));
            return null;
        }
        catch (YamlException e)
        {
            // YamlDotNet's messages start with "(Line: 3, Col: 5, ...): "; the line is in our prefix already.
            var message = e.InnerException?.Message ?? e.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            problems.Add(new ContentProblem(file.Path, (int)Math.Max(1, e.Start.Line), "(yaml)",
                "is not valid YAML: " + (cut >= 0 ? message[(cut + 3)..] : message)));
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            problems.Add(new ContentProblem(file.Path, 1, "(file)", "is empty"));
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            problems.Add(new ContentProblem(file.Path, YamlMap.LineOf(stream.Documents[1].RootNode), "(file)",
                "must hold one YAML document, not several"));
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            problems.Add(new ContentProblem(file.Path, YamlMap.LineOf(stream.Documents[0].RootNode), "(file)",
                "must be a set of named fields (field: value)"));
            return null;
        }
        return new YamlMap(file.Path, mapping, problems);
    }

    /// <summary>The line where the scanner last succeeded: where to look for a syntax error it cannot place.</summary>
    private static int LastReadableLine(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var line = 1;
        try
        {
            while (scanner.MoveNext())
            {
                line = (int)Math.Max(1, scanner.Current!.End.Line);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (YamlException)
        {
        }
        return line;
    }

    private sealed record Parsed(Exercise Exercise, YamlMap Map);

    private static Parsed? ParseExercise(ContentFile file, Dictionary<string, Source> sources, List<ContentProblem> problems)
    {
        if (ReadRoot(file, problems) is not { } map)
        {
            return null;
        }
        var before = problems.Count;
        map.RejectUnknown(ExerciseFields);

        var id = ReadId(map, file);

        var name = map.String("name", required: true);
        var aliases = map.Strings("aliases", required: false);
        var summary = map.String("summary", required: true);
        var kind = map.Enum<ExerciseKind>("kind", required: true);
        var bodyAreas = map.Enums<BodyArea>("bodyAreas", required: true, nonEmpty: true);
        var muscles = map.Enums<Muscle>("muscles", required: true, nonEmpty: true);
        var position = map.Enum<StartPosition>("position", required: true);
        var equipment = map.Enums<Equipment>("equipment", required: false);
        var difficulty = map.Int("difficulty", 1, 3, required: true);
        var dose = ReadDose(map, kind);
        var steps = map.Strings("steps", required: true, nonEmpty: true);
        var cues = map.Strings("cues", required: true, nonEmpty: true);
        var mistakes = map.Strings("mistakes", required: true, nonEmpty: true);
        var easier = map.Strings("easier", required: false);
        var harder = map.Strings("harder", required: false);
        var cautions = map.Strings("cautions", required: false);
        var skipIf = map.Enums<SkipCondition>("skipIf", required: false);
        var evidence = map.String("evidence", required: true);
        var sourceIds = map.Strings("sources", required: true, nonEmpty: true);
        var figure = map.Map("figure", required: true) is { } f ? FigureReader.Read(f, dose) : null;
        if (figure is not null && kind is not null)
        {
            CheckFigure(map, figure, equipment, muscles, dose?.PerSide ?? false);
        }

        var cited = new List<Source>();
        for (var i = 0; i < sourceIds.Count; i++)
        {
            if (sources.TryGetValue(sourceIds[i], out var source))
            {
                cited.Add(source);
            }
            else
            {
                map.Problem(map.LineOfItem("sources", i), $"sources[{i + 1}]",
                    $"\"{sourceIds[i]}\" is not defined in sources.yaml");
            }
        }

        CheckWording(map, "name", name);
        CheckWording(map, "summary", summary);
        CheckWording(map, "evidence", evidence);
        foreach (var (field, list) in new[] { ("steps", steps), ("cues", cues), ("mistakes", mistakes), ("cautions", cautions), ("aliases", aliases) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                CheckWording(map, field, list[i], i);
            }
        }

        if (problems.Count > before || id is null || name is null || summary is null || kind is null
            || position is null || difficulty is null || dose is null || evidence is null)
        {
            return null;
        }

        return new Parsed(new Exercise
        {
            Id = id,
            Name = name,
            Aliases = aliases,
            Summary = summary,
            Kind = kind.Value,
            BodyAreas = bodyAreas,
            Muscles = muscles,
            Position = position.Value,
            Equipment = equipment,
            Difficulty = difficulty.Value,
            Dose = dose,
            Steps = steps,
            Cues = cues,
            Mistakes = mistakes,
            Easier = easier,
            Harder = harder,
            Cautions = cautions,
            SkipIf = skipIf,
            Evidence = evidence,
            Sources = cited,
            SourcePath = file.Path,
            Figure = figure,
        }, map);
    }

    /// <summary>The props the equipment needs are drawn, and no pose puts the body through the floor.</summary>
    private static void CheckFigure(YamlMap map, FigureScript figure, IReadOnlyList<Equipment> equipment,
        IReadOnlyList<Muscle> muscles, bool perSide)
    {
        foreach (var item in equipment)
        {
            if (FigureScript.PropFor(item) is { } prop && figure.Props.All(p => p.Kind != prop))
            {
                map.Problem(map.LineOf("figure"), "figure.props",
                    $"the exercise needs {ContentName.Of(item)}, so the figure must draw a {ContentName.Of(prop)} prop");
            }
        }
        if (muscles.Count == 0 || figure.View == FigureView.Top)
        {
            // Seen from above there is no floor to go through.
            return;
        }
        var layout = FigureLayout.Build(figure, muscles, perSide);
        for (var i = 0; i < layout.Frames.Count; i++)
        {
            var bottom = layout.Frames[i].Body.Bottom;
            if (bottom < -FigureLayout.FloorTolerance)
            {
                map.Problem(map.LineOf("figure"), $"figure.poses[{i + 1}]",
                    $"pose \"{layout.Frames[i].Keyframe.Name}\" puts part of the body {-bottom:0.#} units below the floor; change its angles or the figure's anchor");
            }
        }
    }

    /// <summary>
    /// A content file's required <c>id</c>: kebab-case and the same as the file's name (exercises, guides and program
    /// templates alike); a problem names the line otherwise.
    /// </summary>
    internal static string? ReadId(YamlMap map, ContentFile file)
    {
        var id = map.String("id", required: true);
        if (id is not null)
        {
            if (!KebabCase().IsMatch(id))
            {
                map.Problem(map.LineOf("id"), "id", $"\"{id}\" must be kebab-case: lower-case letters, digits and single hyphens");
            }
            else if (Path.GetFileNameWithoutExtension(file.Path) != id)
            {
                map.Problem(map.LineOf("id"), "id", $"\"{id}\" must match the file name ({Path.GetFileName(file.Path)})");
            }
        }
        return id;
    }

    /// <summary>A problem on the field when its text makes a claim a wellness tool must not (product.md's words to avoid).</summary>
    internal static void CheckWording(YamlMap map, string field, string? text, int? index = null)
    {
        if (text is not null && ForbiddenClaim().Match(text) is { Success: true } m)
        {
            var line = index is { } i ? map.LineOfItem(field, i) : map.LineOf(field);
            var name = index is { } j ? $"{field}[{j + 1}]" : field;
            map.Problem(line, name,
                $"says \"{m.Value}\": Limber is a wellness tool and never claims to treat, cure, relieve or diagnose; describe what the person does and feels instead");
        }
    }

    private static Dose? ReadDose(YamlMap map, ExerciseKind? kind)
    {
        if (map.Map("dose", required: true) is not { } d)
        {
            return null;
        }
        d.RejectUnknown(DoseFields);
        var dose = new Dose
        {
            HoldSeconds = d.Int("holdSeconds", 1, 120, required: false),
            Reps = d.Int("reps", 1, 50, required: false),
            Sets = d.Int("sets", 1, 10, required: false),
            PerSide = d.Bool("perSide"),
            PerDirection = d.Bool("perDirection"),
            DurationSeconds = d.Int("durationSeconds", 5, 600, required: false),
            RestSeconds = d.Int("restSeconds", 0, 180, required: false),
        };
        var anyInvalid = (d.Has("holdSeconds") && dose.HoldSeconds is null)
            || (d.Has("reps") && dose.Reps is null)
            || (d.Has("durationSeconds") && dose.DurationSeconds is null);
        if (anyInvalid)
        {
            return null;
        }
        if (dose.HoldSeconds is null && dose.Reps is null && dose.DurationSeconds is null)
        {
            map.Problem(map.LineOf("dose"), "dose", "needs holdSeconds, reps or durationSeconds");
            return null;
        }
        if (dose.DurationSeconds is not null && (dose.HoldSeconds is not null || dose.Reps is not null))
        {
            d.Problem(d.LineOf("durationSeconds"), "durationSeconds",
                "a timed drill has durationSeconds only; use holdSeconds and reps for counted work");
            return null;
        }
        switch (kind)
        {
            case ExerciseKind.Stretch when dose.HoldSeconds is null:
                d.Problem(d.Line, "holdSeconds", "a stretch needs a hold time");
                return null;
            case ExerciseKind.Stretch when dose.HoldSeconds is < MinStretchHoldSeconds or > MaxStretchHoldSeconds:
                d.Problem(d.LineOf("holdSeconds"), "holdSeconds",
                    $"a stretch hold must be {MinStretchHoldSeconds}-{MaxStretchHoldSeconds} seconds (ACSM), not {dose.HoldSeconds}");
                return null;
            case ExerciseKind.WarmUp when dose.DurationSeconds is null:
                d.Problem(d.Line, "durationSeconds", "a warm-up drill is timed: give durationSeconds");
                return null;
            default:
                return dose;
        }
    }

    private static void CheckAcrossFiles(List<Parsed> parsed, List<ContentProblem> problems)
    {
        var byId = new Dictionary<string, Parsed>(StringComparer.Ordinal);
        foreach (var p in parsed)
        {
            if (!byId.TryAdd(p.Exercise.Id, p))
            {
                p.Map.Problem(p.Map.LineOf("id"), "id",
                    $"\"{p.Exercise.Id}\" is already used by {byId[p.Exercise.Id].Exercise.SourcePath}");
            }
        }

        var names = new Dictionary<string, Parsed>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in parsed)
        {
            if (!names.TryAdd(p.Exercise.Name, p) && names[p.Exercise.Name] != p)
            {
                p.Map.Problem(p.Map.LineOf("name"), "name",
                    $"\"{p.Exercise.Name}\" is already the name of {names[p.Exercise.Name].Exercise.SourcePath}");
            }
        }

        foreach (var p in parsed)
        {
            CheckVariants(p, "easier", p.Exercise.Easier, byId, harderExpected: false);
            CheckVariants(p, "harder", p.Exercise.Harder, byId, harderExpected: true);
        }
    }

    private static void CheckVariants(Parsed p, string field, IReadOnlyList<string> ids,
        Dictionary<string, Parsed> byId, bool harderExpected)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var line = p.Map.LineOfItem(field, i);
            var name = $"{field}[{i + 1}]";
            if (ids[i] == p.Exercise.Id)
            {
                p.Map.Problem(line, name, "an exercise cannot be its own variant");
            }
            else if (!byId.TryGetValue(ids[i], out var other))
            {
                p.Map.Problem(line, name, $"\"{ids[i]}\" is not the id of any exercise");
            }
            else if (harderExpected ? other.Exercise.Difficulty < p.Exercise.Difficulty
                                    : other.Exercise.Difficulty > p.Exercise.Difficulty)
            {
                p.Map.Problem(line, name,
                    $"\"{ids[i]}\" has difficulty {other.Exercise.Difficulty}, which is {(harderExpected ? "easier" : "harder")} than this exercise's {p.Exercise.Difficulty}");
            }
        }
    }
}
