using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Limber.Browser.Tests;

/// <summary>axe-core finds nothing on any page, at phone and desktop widths, in light and dark.</summary>
[Collection(LimberSite.Collection)]
public sealed class AccessibilityTests(LimberSite site)
{
    public static TheoryData<string, string, ColorScheme> Views()
    {
        var views = new TheoryData<string, string, ColorScheme>();
        foreach (var stop in TourStop.All)
        {
            foreach (var screen in Screen.All)
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    views.Add(stop.Name, screen.Name, scheme);
                }
            }
        }
        return views;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_no_violations(string stop, string screen, ColorScheme scheme)
    {
        await using var tab = await site.NewTabAsync(Screen.Named(screen), scheme);
        await TourStop.Named(stop).VisitAsync(tab);

        var result = await tab.Page.RunAxe();

        // Passed rules prove axe really ran on the page rather than on an empty or error document.
        result.Passes.ShouldNotBeEmpty();
        Describe(result.Violations).ShouldBeEmpty($"axe violations on {stop} ({screen}, {scheme})");
    }

    /// <summary>One line per failing element: rule, impact, what to do, where, and the rule's help page.</summary>
    internal static string[] Describe(IEnumerable<AxeResultItem> violations) =>
    [
        .. violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id} ({v.Impact}): {v.Help} at {n.Target} {Shorten(n.Html)} [{v.HelpUrl}]")),
    ];

    private static string Shorten(string html)
    {
        var line = string.Join(' ', html.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
