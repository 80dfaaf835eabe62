using System.Collections.Frozen;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;

namespace Limber.Domain.Guides;

/// <summary>
/// One self-care guide (product.md part 7), as reviewed in content/guides/&lt;id&gt;.md: front matter, then Markdown.
/// </summary>
public sealed record Guide
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>One or two sentences: what the guide says, shown in the list and under the title.</summary>
    public required string Summary { get; init; }

    public required IReadOnlyList<Source> Sources { get; init; }

    /// <summary>Ids of catalogue exercises the guide points to.</summary>
    public IReadOnlyList<string> Exercises { get; init; } = [];

    /// <summary>Still figures drawn with the exercise figures' body model (sleeping positions).</summary>
    public IReadOnlyList<GuideFigure> Figures { get; init; } = [];

    /// <summary>Interactive helpers the guide's page shows beside its text.</summary>
    public IReadOnlyList<GuideHelper> Helpers { get; init; } = [];

    /// <summary>The body as written, after the front matter.</summary>
    public required string Markdown { get; init; }

    /// <summary>The body as HTML: no raw HTML from the content, links only to this site or https sources.</summary>
    public required string Html { get; init; }

    /// <summary>The file the guide came from, for messages.</summary>
    public string SourcePath { get; init; } = "";
}

/// <summary>One still figure of a guide: a single pose, with what it shows in words for people who cannot see it.</summary>
public sealed record GuideFigure(string Title, string Description, FigureScript Script);

/// <summary>The interactive helpers a guide page can show.</summary>
public enum GuideHelper
{
    /// <summary>A 15-minute ice timer with the ice and heat safety notes beside it (safety.md section 8).</summary>
    IceTimer,
}

/// <summary>The validated, immutable set of guides.</summary>
public sealed class GuideLibrary
{
    private readonly FrozenDictionary<string, Guide> _byId;

    public GuideLibrary(IEnumerable<Guide> guides)
    {
        All = guides.OrderBy(g => g.Title, StringComparer.OrdinalIgnoreCase).ToArray();
        _byId = All.ToFrozenDictionary(g => g.Id, StringComparer.Ordinal);
    }

    /// <summary>Every guide, ordered by title.</summary>
    public IReadOnlyList<Guide> All { get; }

    public Guide? Find(string id) => _byId.GetValueOrDefault(id);
}

/// <summary>The outcome of loading the guides: a library when there were no problems, and every problem found.</summary>
public sealed record GuideLoad(GuideLibrary? Library, IReadOnlyList<ContentProblem> Problems)
{
    public bool Succeeded => Library is not null;

    public GuideLibrary LibraryOrThrow() => Library ?? throw new ContentException(Problems);
}
