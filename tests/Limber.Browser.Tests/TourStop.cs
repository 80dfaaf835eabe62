namespace Limber.Browser.Tests;

/// <summary>
/// A page in a state worth checking for accessibility, privacy and layout. The name is also the
/// screenshot's file name, so it stays a short slug.
/// </summary>
public sealed record TourStop(string Name, string Path, int Status = 200, bool OpenFilters = false)
{
    public static readonly TourStop Home = new("home", "/");

    /// <summary>The panel opened by the person, so every filter control is on screen.</summary>
    public static readonly TourStop CatalogueWithFilters = new("catalogue-filters-open", "/exercises", OpenFilters: true);

    /// <summary>A bad filter answers 400 and shows the error above the (already open) panel.</summary>
    public static readonly TourStop CatalogueWithFilterError = new("catalogue-filter-error", "/exercises?kind=zzz", Status: 400);

    public static readonly TourStop Exercise = new("exercise", "/exercises/kneeling-hip-flexor-stretch");

    /// <summary>The warning-sign screen before any answer.</summary>
    public static readonly TourStop WarningSignScreen = new("screen", "/screen");

    /// <summary>Every exercise's figure on one page.</summary>
    public static readonly TourStop FigureGallery = new("figures", "/figures");

    public static IReadOnlyList<TourStop> All { get; } = [Home, CatalogueWithFilters, CatalogueWithFilterError, Exercise, WarningSignScreen, FigureGallery];

    public static TourStop Named(string name) => All.Single(s => s.Name == name);

    public async Task VisitAsync(BrowserTab tab)
    {
        await tab.GoToAsync(Path, Status);
        if (OpenFilters)
        {
            await new CataloguePage(tab.Page).OpenFiltersAsync();
        }
    }
}
