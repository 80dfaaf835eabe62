using Limber.Domain.Catalogue;

namespace Limber.Web.Catalogue;

/// <summary>An exercise as the API shows it: camelCase names, enum values as content names.</summary>
public sealed record ExerciseJson(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string Summary,
    string Kind,
    IReadOnlyList<string> BodyAreas,
    IReadOnlyList<string> Muscles,
    string Position,
    IReadOnlyList<string> Equipment,
    int Difficulty,
    DoseJson Dose,
    string DoseText,
    int EstimatedMinutes,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Cues,
    IReadOnlyList<string> Mistakes,
    IReadOnlyList<string> Cautions,
    IReadOnlyList<string> SkipIf,
    IReadOnlyList<string> Easier,
    IReadOnlyList<string> Harder,
    string Evidence,
    IReadOnlyList<SourceJson> Sources)
{
    public static ExerciseJson From(Exercise e) => new(
        e.Id,
        e.Name,
        e.Aliases,
        e.Summary,
        ContentName.Of(e.Kind),
        e.BodyAreas.Select(ContentName.Of).ToArray(),
        e.Muscles.Select(ContentName.Of).ToArray(),
        ContentName.Of(e.Position),
        e.Equipment.Select(ContentName.Of).ToArray(),
        e.Difficulty,
        DoseJson.From(e.Dose),
        e.Dose.Describe(),
        e.Dose.EstimatedMinutes,
        e.Steps,
        e.Cues,
        e.Mistakes,
        e.Cautions,
        e.SkipIf.Select(ContentName.Of).ToArray(),
        e.Easier,
        e.Harder,
        e.Evidence,
        e.Sources.Select(s => new SourceJson(s.Id, s.Citation, s.Url)).ToArray());
}

/// <summary>Fields not used by a dose are left out of the JSON.</summary>
public sealed record DoseJson(
    int? HoldSeconds, int? Reps, int? Sets, bool? PerSide, bool? PerDirection, int? DurationSeconds, int? RestSeconds)
{
    public static DoseJson From(Dose d) => new(
        d.HoldSeconds, d.Reps, d.Sets, d.PerSide ? true : null, d.PerDirection ? true : null, d.DurationSeconds, d.RestSeconds);
}

public sealed record SourceJson(string Id, string Citation, string? Url);

public sealed record ExerciseListJson(IReadOnlyList<ExerciseJson> Items, int Total, int Page, int PageSize);
