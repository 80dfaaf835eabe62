using Microsoft.Playwright;

namespace Limber.Browser.Tests;

/// <summary>
/// Full-page screenshots for people to look at after a run: layout, contrast and overflow are easier to judge
/// by eye than by assertion. Written to test-results/screenshots/ at the repository root, replaced each run.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class ScreenshotTests(LimberSite site)
{
    public static string Folder => Path.Combine(LimberSite.RepositoryRoot, "test-results", "screenshots");

    /// <summary>Where a journey saves a screenshot of a state the tour cannot reach by address (after a form post).</summary>
    public static string PathFor(string name)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, name + ".png");
    }

    [Fact]
    public async Task Screenshots_of_every_page_are_saved_at_phone_and_desktop_width_in_light_and_dark()
    {
        Directory.CreateDirectory(Folder);
        var saved = new List<string>();
        foreach (var stop in TourStop.All)
        {
            foreach (var screen in Screen.All)
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    await using var tab = await site.NewTabAsync(screen, scheme);
                    await stop.VisitAsync(tab);
                    var path = Path.Combine(Folder, $"{stop.Name}-{screen.Width}-{scheme.ToString().ToLowerInvariant()}.png");
                    await tab.Page.ScreenshotAsync(new() { Path = path, FullPage = true });
                    saved.Add(path);
                }
            }
        }
        saved.ShouldAllBe(path => new FileInfo(path).Length > 0);
    }
}
