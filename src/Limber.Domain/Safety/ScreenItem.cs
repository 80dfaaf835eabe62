namespace Limber.Domain.Safety;

/// <summary>
/// One question of the warning-sign screen (safety.md section 2).
/// </summary>
/// <param name="Id">Stable id used by the API, the database and the tests, e.g. <c>saddle_numbness</c>.</param>
/// <param name="Group">Plain-language heading the question is shown under.</param>
/// <param name="Question">The question as the person reads it, answered yes, no or not sure.</param>
/// <param name="Explanation">One short sentence explaining unfamiliar words or why it is asked.</param>
/// <param name="YesGives">What <c>yes</c> gives by itself, before conditions on other answers or age.</param>
/// <param name="Source">Short citation of the guidance the question comes from.</param>
public sealed record ScreenItem(
    string Id,
    string Group,
    string Question,
    string Explanation,
    Disposition YesGives,
    string Source);
