using Limber.Domain.Catalogue;
using Limber.Domain.Planning;

namespace Limber.Domain.Coaching;

/// <summary>
/// Parses and validates the program templates in content/programs, one YAML file each, against the loaded catalogue.
/// Problems are reported like the catalogue's, as <c>path:line: field: message</c>, all at once. Pure: the caller reads
/// the files.
/// </summary>
/// <remarks>
/// A file holds <c>id</c>, <c>name</c>, <c>summary</c> and <c>items</c>; each item holds <c>exercise</c> (a catalogue
/// id), <c>maxLevelsUp</c> (0–<see cref="Prescription.MostLevelsUp"/>), and optionally <c>dose</c> (changes to the
/// catalogue dose: <c>holdSeconds</c>, <c>reps</c>, <c>sets</c>, <c>durationSeconds</c>) and <c>note</c>. The dose is
/// checked by <see cref="Prescription.Problems"/>, so a program accepts exactly what a coach could set.
/// </remarks>
public static class ProgramTemplateLoader
{
    private static readonly string[] ProgramFields = ["id", "name", "summary", "items"];
    private static readonly string[] ItemFields = ["exercise", "dose", "maxLevelsUp", "note"];
    private static readonly string[] DoseFields = ["holdSeconds", "reps", "sets", "durationSeconds"];

    /// <param name="files">The program files, each named content/programs/&lt;id&gt;.yaml.</param>
    /// <param name="catalogue">
    /// The loaded catalogue, for the exercise ids and doses. Null when it did not load: the files are still checked, but
    /// not their exercises and doses, and no templates are made.
    /// </param>
    public static ProgramTemplateLoad Load(IEnumerable<ContentFile> files, ExerciseCatalogue? catalogue)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<ContentProblem>();
        var parsed = new List<(ProgramTemplate Template, YamlMap Map)>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (Parse(file, catalogue, problems) is { } p)
            {
                parsed.Add(p);
            }
        }

        var ids = new Dictionary<string, ProgramTemplate>(StringComparer.Ordinal);
        var names = new Dictionary<string, ProgramTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var (template, map) in parsed)
        {
            if (!ids.TryAdd(template.Id, template))
            {
                map.Problem(map.LineOf("id"), "id", $"\"{template.Id}\" is already used by {ids[template.Id].SourcePath}");
            }
            if (!names.TryAdd(template.Name, template))
            {
                map.Problem(map.LineOf("name"), "name", $"\"{template.Name}\" is already the name of {names[template.Name].SourcePath}");
            }
        }

        if (problems.Count > 0 || catalogue is null)
        {
            return new ProgramTemplateLoad(null, problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToList());
        }
        return new ProgramTemplateLoad(new ProgramTemplates(parsed.Select(p => p.Template)), []);
    }

    private static (ProgramTemplate, YamlMap)? Parse(ContentFile file, ExerciseCatalogue? catalogue, List<ContentProblem> problems)
    {
        if (CatalogueLoader.ReadRoot(file, problems) is not { } map)
        {
            return null;
        }
        var before = problems.Count;
        map.RejectUnknown(ProgramFields);

        var id = CatalogueLoader.ReadId(map, file);
        var name = map.String("name", required: true);
        var summary = map.String("summary", required: true);
        CatalogueLoader.CheckWording(map, "name", name);
        CatalogueLoader.CheckWording(map, "summary", summary);

        var beforeItems = problems.Count;
        var maps = map.Maps("items", required: true);
        if (maps.Count == 0 && problems.Count == beforeItems)
        {
            map.Problem(map.LineOf("items"), "items", "must list at least one exercise");
        }
        var items = new List<Prescription>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < maps.Count; i++)
        {
            if (ParseItem(maps[i], i, catalogue, seen) is { } item)
            {
                items.Add(item);
            }
        }

        if (problems.Count > before || id is null || name is null || summary is null)
        {
            return null;
        }
        return (new ProgramTemplate(id, name, summary, items) { SourcePath = file.Path }, map);
    }

    private static Prescription? ParseItem(YamlMap item, int index, ExerciseCatalogue? catalogue, Dictionary<string, int> seen)
    {
        var before = item.ProblemCount;
        item.RejectUnknown(ItemFields);
        var exerciseId = item.String("exercise", required: true);
        var maxLevelsUp = item.Int("maxLevelsUp", 0, Prescription.MostLevelsUp, required: true);
        var note = item.String("note", required: false);
        CatalogueLoader.CheckWording(item, "note", note);

        // Numbers are only read here; their ranges are the prescription's to check, so that content and coaches agree.
        var dose = item.Map("dose", required: false);
        dose?.RejectUnknown(DoseFields);
        int? Number(string field) => dose?.Int(field, int.MinValue, int.MaxValue, required: false);
        var (hold, reps, sets, duration) = (Number("holdSeconds"), Number("reps"), Number("sets"), Number("durationSeconds"));

        if (exerciseId is not null)
        {
            if (seen.TryGetValue(exerciseId, out var first))
            {
                item.Problem(item.LineOf("exercise"), "exercise", $"\"{exerciseId}\" is already items[{first + 1}]; list each exercise once");
            }
            else
            {
                seen.Add(exerciseId, index);
            }
        }
        if (exerciseId is null || catalogue is null)
        {
            return null;
        }
        if (catalogue.Find(exerciseId) is not { } exercise)
        {
            item.Problem(item.LineOf("exercise"), "exercise", $"\"{exerciseId}\" is not the id of any exercise");
            return null;
        }
        if (item.ProblemCount > before)
        {
            return null;
        }

        var prescription = Prescription.For(exercise, maxLevelsUp ?? 0, note, hold, reps, sets, duration);
        foreach (var problem in prescription.Problems(exercise))
        {
            // "dose.reps" is at the reps line when given, else at the dose (or the item) that leaves it out.
            var field = problem.Field;
            var line = field.StartsWith("dose.", StringComparison.Ordinal) && dose is not null ? dose.LineOf(field["dose.".Length..])
                : field.StartsWith("dose", StringComparison.Ordinal) ? item.LineOf("dose")
                : item.LineOf(field);
            item.Problem(line, field, problem.Message);
        }
        return item.ProblemCount > before ? null : prescription;
    }
}
