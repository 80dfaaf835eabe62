using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using Limber.Web.Catalogue;

namespace Limber.Web.Illustration;

/// <summary>The words that go with a figure: its title, what it shows for screen readers, and the legend.</summary>
public static class FigureText
{
    /// <summary>"Hip flexors (iliopsoas)" becomes "Hip flexors", short enough for a legend.</summary>
    public static string ShortName(Muscle muscle)
    {
        var label = Labels.Of(muscle);
        var cut = label.IndexOf(" (", StringComparison.Ordinal);
        return cut < 0 ? label : label[..cut];
    }

    private static string Duration(double seconds)
    {
        var whole = (int)Math.Max(1, Math.Round(seconds));
        return whole == 1 ? "about once a second" : $"in about {whole} seconds";
    }

    public static string Legend(Exercise exercise) =>
        "Highlighted: " + string.Join(", ", exercise.Muscles.Select(ShortName).Distinct().Take(3));

    /// <summary>The legend that fits a width in figure units (4-unit text is about 2 units a character).</summary>
    public static string Legend(Exercise exercise, double room)
    {
        var full = Legend(exercise);
        if (full.Length * 2.1 <= room)
        {
            return full;
        }
        var first = "Highlighted: " + ShortName(exercise.Muscles[0]);
        return first.Length * 2.1 <= room ? first : "Muscles worked";
    }

    public static string Description(Exercise exercise, FigureScript figure, BodySide shown, bool still)
    {
        var poses = figure.Keyframes.Select(k => k.Name).ToList();
        var moves = still
            ? $"Two drawings side by side: the {poses[0]} position and the {poses[^1]} position."
            : $"An animated drawing that moves from the {poses[0]} position through {string.Join(", then ", poses.Skip(1))} and back, {Duration(figure.CycleSeconds)}.";
        var side = exercise.Dose.PerSide ? $" It shows the {(shown == BodySide.Working ? "right" : "left")} side working." : "";
        // The position labels speak to the reader ("lying on your back"); a description speaks about the figure.
        var position = Labels.Of(exercise.Position).ToLowerInvariant().Replace("your", "their", StringComparison.Ordinal);
        var seen = figure.View == FigureView.Top ? ", seen from above" : "";
        return $"{exercise.Name}: a person {position}{seen}. {moves}{side} {Legend(exercise)}.";
    }
}
