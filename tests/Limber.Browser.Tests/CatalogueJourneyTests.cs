using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>What people do on the catalogue: search, filter, open an exercise, and all of it by keyboard.</summary>
[Collection(LimberSite.Collection)]
public sealed class CatalogueJourneyTests(LimberSite site)
{
    private const string KneelingStretch = "Kneeling hip flexor stretch";
    private const string StandingStretch = "Standing hip flexor stretch";

    [Fact]
    public async Task Search_finds_an_exercise_by_alias()
    {
        await using var tab = await site.NewTabAsync();
        var catalogue = await CataloguePage.OpenAsync(tab);

        await catalogue.SearchBox.FillAsync("lunge stretch");
        await catalogue.SubmitAndWaitForQueryAsync(() => catalogue.SearchBox.PressAsync("Enter"), "q", "lunge stretch");
        await ShouldListAllMatchesAsync(catalogue, KneelingStretch);
    }

    [Fact]
    public async Task Filters_work_without_JavaScript()
    {
        await using var tab = await site.NewTabAsync(javaScript: false);
        var catalogue = await CataloguePage.OpenAsync(tab);

        await catalogue.OpenFiltersAsync();
        await catalogue.Filter("Position", "Standing").CheckAsync();
        await catalogue.SubmitAndWaitForQueryAsync(catalogue.ApplyFiltersAsync, "position", "standing");
        var ids = await catalogue.CardIdsAsync();
        ids.ShouldContain("standing-hip-flexor-stretch");
        foreach (var id in ids)
        {
            var exercise = await ApiAsync(tab, $"/api/v1/exercises/{id}");
            exercise.GetProperty("position").GetString().ShouldBe("standing", $"the card for {id}");
        }
        // Nothing standing is missing either: the page counts what the API counts.
        var list = await ApiAsync(tab, "/api/v1/exercises?position=standing&pageSize=1");
        (await catalogue.CountAsync()).ShouldBe(list.GetProperty("total").GetInt32());
        // The panel stays closed so results are near the top on a phone; what is on is said above the results.
        await Expect(tab.Page.Locator(".active-filters")).ToContainTextAsync("Standing");
        await catalogue.OpenFiltersAsync();
        await Expect(catalogue.Filter("Position", "Standing")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task A_result_opens_its_exercise_and_the_easier_variant_is_one_click_away()
    {
        await using var tab = await site.NewTabAsync();
        var page = tab.Page;
        await CataloguePage.OpenAsync(tab, "?q=hip+flexor");

        await page.GetByRole(AriaRole.Link, new() { Name = KneelingStretch, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/exercises/kneeling-hip-flexor-stretch").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(KneelingStretch);
        await Expect(page.Locator(".dose-words")).ToContainTextAsync("Hold 30 seconds");
        var steps = page.GetByRole(AriaRole.Region, new() { Name = "Steps", Exact = true }).Locator("ol > li");
        (await steps.CountAsync()).ShouldBeGreaterThan(1, "the steps should be a numbered list of several steps");

        await page.Locator("h3:text-is('Easier') + ul")
            .GetByRole(AriaRole.Link, new() { Name = StandingStretch, Exact = true })
            .ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/exercises/standing-hip-flexor-stretch").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(StandingStretch);
    }

    [Fact]
    public async Task Keyboard_reaches_the_skip_link_first_then_search_and_submits_with_Enter()
    {
        await using var tab = await site.NewTabAsync();
        var page = tab.Page;
        var catalogue = await CataloguePage.OpenAsync(tab);

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        // Still the same page, now scrolled to and focused on the main content.
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/exercises#main").ToString());
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        await TabUntilFocusedAsync(page, catalogue.SearchBox);
        await page.Keyboard.TypeAsync("lunge stretch");
        await page.Keyboard.PressAsync("Tab");
        await Expect(catalogue.SearchButton).ToBeFocusedAsync();
        await catalogue.SubmitAndWaitForQueryAsync(() => page.Keyboard.PressAsync("Enter"), "q", "lunge stretch");
        await ShouldListAllMatchesAsync(catalogue, KneelingStretch);
    }

    /// <summary>The cards include <paramref name="name"/> and the heading counts exactly the cards shown.</summary>
    private static async Task ShouldListAllMatchesAsync(CataloguePage catalogue, string name)
    {
        var names = await catalogue.CardNamesAsync();
        names.ShouldContain(name);
        (await catalogue.CountAsync()).ShouldBe(names.Count, $"the heading should count the cards: {string.Join(", ", names)}");
    }

    private static async Task TabUntilFocusedAsync(IPage page, ILocator target, int maxPresses = 10)
    {
        for (var presses = 0; presses < maxPresses; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        await Expect(target).ToBeFocusedAsync(new() { Timeout = 1 });
    }

    private static async Task<System.Text.Json.JsonElement> ApiAsync(BrowserTab tab, string path)
    {
        var response = await tab.Page.APIRequest.GetAsync(path);
        response.Status.ShouldBe(200, $"GET {path}");
        return await response.JsonAsync() ?? throw new InvalidOperationException($"GET {path} answered no JSON");
    }
}
