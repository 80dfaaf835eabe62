using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>Figures in a real browser: they load, move, and hold still for people who ask for less motion.</summary>
[Collection(LimberSite.Collection)]
public sealed class FigureTests(LimberSite site)
{
    private const string Figure = "/exercises/kneeling-hip-flexor-stretch/figure.svg";

    [Fact]
    public async Task The_exercise_page_shows_its_figure_with_a_description()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("phone"), ColorScheme.Light);
        await tab.GoToAsync("/exercises/kneeling-hip-flexor-stretch");
        var image = tab.Page.Locator("figure.figure img");
        await Expect(image).ToBeVisibleAsync();
        (await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0")).ShouldBeTrue("the figure loaded");
        (await image.GetAttributeAsync("alt")).ShouldNotBeNull().ShouldContain("Kneeling hip flexor stretch");
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Show the left side" }).ClickAsync();
        await Expect(image).ToHaveAttributeAsync("src", Figure + "?side=left");
    }

    [Fact]
    public async Task Every_figure_in_the_gallery_loads()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("desktop"), ColorScheme.Light);
        await tab.GoToAsync("/figures");
        var images = tab.Page.Locator(".gallery img");
        (await images.CountAsync()).ShouldBeGreaterThan(0);
        // Lazy images load once scrolled into view.
        await tab.Page.EvaluateAsync("async () => { for (const img of document.querySelectorAll('.gallery img')) { img.loading = 'eager'; } }");
        await tab.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.gallery img')].every(i => i.complete)");
        var broken = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.gallery img')].filter(i => i.naturalWidth === 0).map(i => i.src)");
        broken.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_figure_moves_normally()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("desktop"), ColorScheme.Light);
        await tab.GoToAsync(Figure);
        (await tab.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.moving')).display")).ShouldNotBe("none");
        (await tab.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.still')).display")).ShouldBe("none");
        (await tab.Page.EvaluateAsync<int>("() => document.getAnimations().length")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Under_reduced_motion_the_figure_holds_still_and_shows_start_and_end()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("desktop"), ColorScheme.Light, motion: ReducedMotion.Reduce);
        await tab.GoToAsync(Figure);
        (await tab.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.moving')).display")).ShouldBe("none");
        (await tab.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.still')).display")).ShouldNotBe("none");
        (await tab.Page.EvaluateAsync<int>("() => document.getAnimations().filter(a => a.playState === 'running').length")).ShouldBe(0);
    }
}
