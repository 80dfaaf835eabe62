namespace Limber.Domain.Safety;

/// <summary>
/// What a person should do about what they reported (safety.md section 1). The order matters:
/// a later value is more serious, so dispositions compare with &lt; and &gt; and the highest wins.
/// </summary>
public enum Disposition
{
    /// <summary>No warning signs reported. Never shown as "all clear".</summary>
    None,

    /// <summary>Book a doctor or physiotherapist appointment; routines may continue, gentle options first.</summary>
    Routine,

    /// <summary>See a doctor within 24–48 hours; routines pause until the person confirms they were seen.</summary>
    Urgent,

    /// <summary>Go to an emergency department or call the local emergency number now; routines are locked.</summary>
    Emergency,
}

/// <summary>The two operations every safety rule needs: one level lower (for "unsure") and the highest of several.</summary>
internal static class DispositionScale
{
    public static Disposition OneBelow(Disposition disposition) => disposition switch
    {
        Disposition.None => Disposition.None,
        Disposition.Routine => Disposition.None,
        Disposition.Urgent => Disposition.Routine,
        Disposition.Emergency => Disposition.Urgent,
    };

    public static Disposition Highest(Disposition a, Disposition b) => a > b ? a : b;

    public static Disposition Highest(IEnumerable<Disposition> dispositions) =>
        dispositions.Aggregate(Disposition.None, Highest);
}
