namespace Limber.Domain.Catalogue;

/// <summary>
/// A catalogue search. Within one filter any listed value matches; different filters must all match.
/// </summary>
public sealed record ExerciseQuery
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    /// <summary>Words to find in the name or an alias; every word must match.</summary>
    public string? Text { get; init; }
    public IReadOnlyCollection<BodyArea> BodyAreas { get; init; } = [];
    public IReadOnlyCollection<ExerciseKind> Kinds { get; init; } = [];
    public IReadOnlyCollection<StartPosition> Positions { get; init; } = [];

    /// <summary>
    /// The equipment the person has. When set, only exercises needing nothing beyond it match;
    /// an empty set means "no equipment". Null means equipment does not matter.
    /// </summary>
    public IReadOnlyCollection<Equipment>? EquipmentAvailable { get; init; }

    public IReadOnlyCollection<int> Difficulties { get; init; } = [];

    /// <summary>Only exercises whose default dose fits in this many minutes.</summary>
    public int? MaxMinutes { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
}

/// <summary>One page of search results and the total number of matches.</summary>
public sealed record ExercisePage(IReadOnlyList<Exercise> Items, int Total, int Page, int PageSize);
