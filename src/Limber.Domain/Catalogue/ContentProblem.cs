namespace Limber.Domain.Catalogue;

/// <summary>One thing wrong with a content file, reported as <c>path:line: field: message</c>.</summary>
public sealed record ContentProblem(string Path, int Line, string Field, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Field}: {Message}";
}

/// <summary>The text of one content file and the path to name in messages.</summary>
public sealed record ContentFile(string Path, string Text);

/// <summary>Thrown when content cannot be loaded; carries every problem, not just the first.</summary>
public sealed class ContentException(IReadOnlyList<ContentProblem> problems)
    : Exception($"The content has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}
