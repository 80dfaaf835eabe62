using System.Collections.Frozen;

namespace Limber.Domain.Safety;

/// <summary>
/// A warning-sign screen with an age in range, the first-episode answer and an answer to every item.
/// Only <see cref="WarningSignScreen.Validate"/> creates one, so an incomplete screen cannot reach
/// <see cref="WarningSignScreen.Judge"/> and a missing answer is never judged as if it were "no".
/// </summary>
public sealed class CompleteScreen
{
    internal CompleteScreen(int age, bool firstEpisode, IReadOnlyDictionary<string, Answer> answers)
    {
        Age = age;
        FirstEpisode = firstEpisode;
        Answers = answers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Age in years, between <see cref="WarningSignScreen.MinimumAge"/> and <see cref="WarningSignScreen.MaximumAge"/>.</summary>
    public int Age { get; }

    /// <summary>Whether this is the first back pain the person has ever had.</summary>
    public bool FirstEpisode { get; }

    /// <summary>An answer for every item id of <see cref="WarningSignScreen.Items"/>, and nothing else.</summary>
    public IReadOnlyDictionary<string, Answer> Answers { get; }

    internal Answer this[string id] => Answers[id];
}
