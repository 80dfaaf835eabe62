using Deque.AxeCore.Playwright;
using Limber.Domain.Guides;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// The self-care guides in a real browser: axe-core finds nothing on the list or any guide at phone and desktop
/// width in light and dark, the ice timer works from the keyboard alone (Playwright's clock stands in for the
/// 15 minutes), it says what to do without JavaScript, and the sleeping-position figures load.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class GuideTests(LimberSite site)
{
    private const string HeatOrIce = "/guides/heat-or-ice";

    public static TheoryData<string, string, ColorScheme> Views()
    {
        var views = new TheoryData<string, string, ColorScheme>();
        foreach (var path in GuideIds.All.Select(id => $"/guides/{id}").Prepend("/guides"))
        {
            foreach (var screen in Screen.All)
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    views.Add(path, screen.Name, scheme);
                }
            }
        }
        return views;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_no_violations_on_the_guides(string path, string screen, ColorScheme scheme)
    {
        await using var tab = await site.NewTabAsync(Screen.Named(screen), scheme);
        await tab.GoToAsync(path);

        var result = await tab.Page.RunAxe();

        result.Passes.ShouldNotBeEmpty();
        AccessibilityTests.Describe(result.Violations).ShouldBeEmpty($"axe violations on {path} ({screen}, {scheme})");
        var name = path == "/guides" ? "guides" : "guide-" + path["/guides/".Length..];
        await tab.Page.ScreenshotAsync(new()
        {
            Path = ScreenshotTests.PathFor($"{name}-{Screen.Named(screen).Width}-{scheme.ToString().ToLowerInvariant()}"),
            FullPage = true,
        });
    }

    [Fact]
    public async Task The_ice_timer_starts_stops_and_finishes_from_the_keyboard_and_says_so()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var page = tab.Page;
        await page.Clock.InstallAsync();
        await tab.GoToAsync(HeatOrIce);
        await page.Clock.PauseAtAsync(DateTime.Now.AddSeconds(1));

        var timer = page.Locator("[data-guide-timer]");
        var toggle = timer.Locator("[data-timer-toggle]");
        var clock = timer.Locator("[data-timer-display]");
        var status = timer.GetByRole(AriaRole.Status);
        await Expect(timer.Locator("[data-timer-fallback]")).ToBeHiddenAsync();
        await Expect(toggle).ToHaveTextAsync("Start the 15-minute timer");
        await Expect(clock).ToHaveTextAsync("15:00");

        await TabToAsync(page, toggle);
        await page.Keyboard.PressAsync("Enter");
        await Expect(status).ToHaveTextAsync("Timer started: 15 minutes. Keep the ice wrapped, and take it off when the time is up.");
        await Expect(toggle).ToHaveTextAsync("Stop the timer");
        await Expect(toggle).ToBeFocusedAsync();

        await page.Clock.RunForAsync(90_000);
        await Expect(clock).ToHaveTextAsync("13:30");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("guide-ice-timer-running-360"), FullPage = false });

        await page.Keyboard.PressAsync("Space");
        await Expect(status).ToHaveTextAsync("Timer stopped with 13 minutes and 30 seconds left.");
        await Expect(toggle).ToHaveTextAsync("Start the 15-minute timer");
        await Expect(clock).ToHaveTextAsync("15:00");
        await Expect(toggle).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(status).ToContainTextAsync("Timer started");
        await page.Clock.RunForAsync(14 * 60_000 + 59_000);
        await Expect(clock).ToHaveTextAsync("0:01");
        await Expect(status).ToContainTextAsync("Timer started");
        await page.Clock.RunForAsync(1_000);
        await Expect(status).ToHaveTextAsync("Time is up: 15 minutes. Take the ice off now and let your skin warm up.");
        await Expect(clock).ToHaveTextAsync("0:00");
        await Expect(toggle).ToHaveTextAsync("Start the 15-minute timer again");
        await Expect(toggle).ToBeFocusedAsync();
        (await timer.GetAttributeAsync("data-state")).ShouldBe("finished");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("guide-ice-timer-finished-360"), FullPage = false });
    }

    [Fact]
    public async Task The_ice_and_heat_warnings_sit_beside_the_timer()
    {
        await using var tab = await site.NewTabAsync(Screen.Desktop);
        await tab.GoToAsync(HeatOrIce);
        var timer = tab.Page.Locator("[data-guide-timer]");
        await Expect(timer.GetByRole(AriaRole.Heading, new() { Name = "Ice safety" })).ToBeVisibleAsync();
        await Expect(timer.GetByRole(AriaRole.Heading, new() { Name = "Heat safety" })).ToBeVisibleAsync();
        await Expect(timer).ToContainTextAsync("Ice straight on the skin can cause an ice burn.");
        await Expect(timer).ToContainTextAsync("Never while you sleep.");
    }

    [Fact]
    public async Task Without_JavaScript_the_timer_says_what_to_do_instead()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, javaScript: false);
        await tab.GoToAsync(HeatOrIce);
        var timer = tab.Page.Locator("[data-guide-timer]");
        await Expect(timer.Locator("[data-timer-fallback]")).ToBeVisibleAsync();
        await Expect(timer.Locator("[data-timer-fallback]")).ToContainTextAsync("set it for 15 minutes");
        await Expect(timer.Locator("[data-timer-toggle]")).ToBeHiddenAsync();
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("guide-ice-timer-no-script-360"), FullPage = false });
    }

    [Fact]
    public async Task The_sleeping_position_figures_load_with_their_descriptions()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, ColorScheme.Dark);
        await tab.GoToAsync("/guides/sleeping-positions");
        var images = tab.Page.Locator(".guide-figure img");
        await Expect(images).ToHaveCountAsync(2);
        await tab.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.guide-figure img')].every(i => i.complete)");
        (await tab.Page.EvaluateAsync<int>("() => [...document.querySelectorAll('.guide-figure img')].filter(i => i.naturalWidth > 0).length")).ShouldBe(2);
        (await images.Nth(0).GetAttributeAsync("alt")).ShouldNotBeNull().ShouldContain("a pillow under both knees");
        (await images.Nth(1).GetAttributeAsync("alt")).ShouldNotBeNull().ShouldContain("a pillow between the knees");
    }

    [Fact]
    public async Task The_guides_request_nothing_from_another_site()
    {
        await using var tab = await site.NewTabAsync(Screen.Desktop);
        foreach (var path in GuideIds.All.Select(id => $"/guides/{id}").Prepend("/guides"))
        {
            await tab.GoToAsync(path);
        }
        tab.RequestedUrls.ShouldAllBe(url => url.StartsWith(site.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    /// <summary>Presses Tab from the top of the page until the element has the focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }
        throw new ShouldAssertException("The timer's button cannot be reached with the Tab key.");
    }
}
