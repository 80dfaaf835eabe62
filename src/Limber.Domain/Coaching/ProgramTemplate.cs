using System.Collections.Frozen;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;

namespace Limber.Domain.Coaching;

/// <summary>
/// A ready-made program a coach can start from and change, as reviewed in content/programs/&lt;id&gt;.yaml: the
/// exercises in order, each with its dose, how far adaptation may take it and a note.
/// </summary>
/// <param name="Id">Kebab-case, equal to the file name.</param>
/// <param name="Name">Unique, sentence case.</param>
/// <param name="Summary">One plain sentence saying who it is for and what it does.</param>
/// <param name="Items">The exercises in the coach's order, each fitting its exercise (<see cref="Prescription.Problems"/>).</param>
public sealed record ProgramTemplate(string Id, string Name, string Summary, IReadOnlyList<Prescription> Items)
{
    /// <summary>The file the program came from, relative to the content root, for messages.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>
    /// The items by exercise id, for <see cref="DoseAdaptation.Replay"/>'s prescriptions. A loaded template lists each
    /// exercise once; with a repeat, the first is kept.
    /// </summary>
    public IReadOnlyDictionary<string, Prescription> ByExercise =>
        Items.DistinctBy(i => i.ExerciseId, StringComparer.Ordinal).ToDictionary(i => i.ExerciseId, StringComparer.Ordinal);
}

/// <summary>The validated, immutable set of program templates.</summary>
public sealed class ProgramTemplates
{
    private readonly FrozenDictionary<string, ProgramTemplate> _byId;

    /// <summary>The templates; ids must be unique.</summary>
    public ProgramTemplates(IEnumerable<ProgramTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        All = templates.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id, StringComparer.Ordinal).ToArray();
        _byId = All.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>Every template, ordered by name.</summary>
    public IReadOnlyList<ProgramTemplate> All { get; }

    /// <summary>The template with this id, or null.</summary>
    public ProgramTemplate? Find(string id) => _byId.GetValueOrDefault(id);
}

/// <summary>The outcome of loading the program templates: the templates when there were no problems, and every problem found.</summary>
public sealed record ProgramTemplateLoad(ProgramTemplates? Templates, IReadOnlyList<ContentProblem> Problems)
{
    /// <summary>True when the templates loaded without a problem.</summary>
    public bool Succeeded => Templates is not null;

    /// <summary>The templates, or a <see cref="ContentException"/> carrying every problem.</summary>
    public ProgramTemplates TemplatesOrThrow() => Templates ?? throw new ContentException(Problems);
}
