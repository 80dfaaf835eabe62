namespace Limber.Web.Illustration;

/// <summary>
/// The TrueType file that PNG and PDF figures write their words with. A server has no font settings to ask, so the
/// usual font folders are searched once: DejaVu Sans first (Debian's fonts-dejavu-core), else any regular sans face.
/// </summary>
public static class FigureFonts
{
    private static readonly Lazy<string?> Found = new(Search);

    /// <summary>The regular face, or a clear error naming the folders searched and the package to install.</summary>
    public static string RegularPath => Found.Value ?? throw new InvalidOperationException(
        "Figures as PNG or PDF need a TrueType font, and there is none (*.ttf) under "
        + string.Join(", ", Roots()) + ". Install one, e.g. on Debian or Ubuntu: apt-get install fonts-dejavu-core");

    private static IEnumerable<string> Roots() =>
        new[]
        {
            "/usr/share/fonts", "/usr/local/share/fonts",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "fonts"),
            Environment.GetFolderPath(Environment.SpecialFolder.Fonts),
            "/Library/Fonts", "/System/Library/Fonts",
        }.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal);

    private static string? Search()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        var files = Roots().Where(Directory.Exists)
            .SelectMany(r => Directory.EnumerateFiles(r, "*.ttf", options))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.FirstOrDefault(f => Path.GetFileName(f).Equals("DejaVuSans.ttf", StringComparison.OrdinalIgnoreCase)) is { } dejaVu)
        {
            return dejaVu;
        }
        // Otherwise a plain face: styled ones (bold, italic, mono, symbols...) read badly as the only font.
        string[] styled = ["bold", "italic", "oblique", "light", "thin", "black", "mono", "math", "symbol", "emoji", "condensed", "serif"];
        return files
            .Where(f => !styled.Any(s => Path.GetFileNameWithoutExtension(f).Contains(s, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(f => Path.GetFileName(f).Contains("sans", StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault() ?? files.FirstOrDefault();
    }
}
