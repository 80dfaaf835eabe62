namespace Limber.Domain.Safety;

/// <summary>An answer to one warning-sign question. Not ordered: compare by name, never with &lt; or &gt;.</summary>
public enum Answer
{
    No,
    Yes,
    Unsure,
}
