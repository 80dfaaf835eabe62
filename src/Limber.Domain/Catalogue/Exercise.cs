namespace Limber.Domain.Catalogue;

/// <summary>One exercise of the catalogue, as reviewed in content/exercises/&lt;id&gt;.yaml.</summary>
public sealed record Exercise
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required string Summary { get; init; }
    public required ExerciseKind Kind { get; init; }
    public required IReadOnlyList<BodyArea> BodyAreas { get; init; }
    public required IReadOnlyList<Muscle> Muscles { get; init; }
    public required StartPosition Position { get; init; }
    public IReadOnlyList<Equipment> Equipment { get; init; } = [];
    public required int Difficulty { get; init; }
    public required Dose Dose { get; init; }
    public required IReadOnlyList<string> Steps { get; init; }
    public IReadOnlyList<string> Cues { get; init; } = [];
    public IReadOnlyList<string> Mistakes { get; init; } = [];
    public IReadOnlyList<string> Easier { get; init; } = [];
    public IReadOnlyList<string> Harder { get; init; } = [];
    public IReadOnlyList<string> Cautions { get; init; } = [];
    public IReadOnlyList<SkipCondition> SkipIf { get; init; } = [];
    public required string Evidence { get; init; }
    public required IReadOnlyList<Source> Sources { get; init; }

    /// <summary>How the exercise is drawn and animated; every valid exercise has one.</summary>
    public Illustration.FigureScript? Figure { get; init; }

    /// <summary>The file the exercise came from, relative to the content root, for messages.</summary>
    public string SourcePath { get; init; } = "";
}

/// <summary>A published source cited by content, defined once in content/sources.yaml.</summary>
public sealed record Source(string Id, string Citation, string? Url);
