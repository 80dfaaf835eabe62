using Microsoft.Playwright;

namespace Limber.Browser.Tests;

/// <summary>How pages fit and move: no sideways scrolling on a phone, no motion for people who asked for none.</summary>
[Collection(LimberSite.Collection)]
public sealed class LayoutTests(LimberSite site)
{
    public static TheoryData<string> Stops() => [.. TourStop.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Stops))]
    public async Task Nothing_scrolls_sideways_on_a_360px_phone(string stop)
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        await TourStop.Named(stop).VisitAsync(tab);

        var scrollWidth = await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        // Name what sticks out, so the failure points at the CSS to fix.
        var wide = await tab.Page.EvaluateAsync<string[]>(
            """
            width => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .slice(0, 10)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''))
            """,
            Screen.Phone.Width);
        scrollWidth.ShouldBeLessThanOrEqualTo(Screen.Phone.Width, $"wider than the screen: {string.Join(", ", wide)}");
    }

    [Fact]
    public async Task Reduced_motion_turns_off_transitions_and_animations()
    {
        await using var tab = await site.NewTabAsync(motion: ReducedMotion.Reduce);
        await TourStop.CatalogueWithFilters.VisitAsync(tab);
        var page = tab.Page;
        (await page.EvaluateAsync<bool>("() => matchMedia('(prefers-reduced-motion: reduce)').matches")).ShouldBeTrue();

        var button = await new CataloguePage(page).SearchButton.EvaluateAsync<string[]>(
            "b => { const s = getComputedStyle(b); return [s.transitionDuration, s.animationName]; }");
        button.ShouldBe(["0s", "none"]);
        // Not only the button: whatever moves anywhere on the page stops moving.
        var moving = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('*')]
                .filter(e => {
                    const s = getComputedStyle(e);
                    return s.transitionDuration.split(',').some(d => parseFloat(d) > 0) || s.animationName !== 'none';
                })
                .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''))
            """);
        moving.ShouldBeEmpty();
    }
}
