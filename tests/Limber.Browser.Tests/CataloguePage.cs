using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>The catalogue page at /exercises as a person meets it: search box, filter panel, count and cards.</summary>
public sealed partial class CataloguePage(IPage page)
{
    /// <summary>The page shows at most this many cards at a time.</summary>
    public const int PageSize = 50;

    public IPage Page => page;

    public ILocator SearchBox => page.Locator("#q");

    public ILocator SearchButton => page.GetByRole(AriaRole.Button, new() { Name = "Show exercises", Exact = true });

    public ILocator FilterPanel => page.Locator("details.filter-panel");

    public ILocator CountHeading => page.Locator("h2#results-heading");

    public ILocator CardLinks => page.Locator(".cards .card h3 a");

    public static async Task<CataloguePage> OpenAsync(BrowserTab tab, string query = "", int expectedStatus = 200)
    {
        await tab.GoToAsync("/exercises" + query, expectedStatus);
        return new CataloguePage(tab.Page);
    }

    /// <summary>A filter checkbox by the legend of its group and its own label, e.g. ("Position", "Standing").</summary>
    public ILocator Filter(string group, string label) =>
        page.GetByRole(AriaRole.Group, new() { Name = group, Exact = true })
            .GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true });

    /// <summary>Opens the filter panel by its summary, as a click or a tap would; works without JavaScript.</summary>
    public async Task OpenFiltersAsync()
    {
        await FilterPanel.Locator("summary").ClickAsync();
        await Expect(FilterPanel).ToHaveAttributeAsync("open", "");
    }

    public Task ApplyFiltersAsync() =>
        page.GetByRole(AriaRole.Button, new() { Name = "Apply filters", Exact = true }).ClickAsync();

    /// <summary>
    /// Does <paramref name="submit"/> and waits for the catalogue to load with <paramref name="value"/> among the values
    /// of <paramref name="name"/>. The wait is set up before the submit: waiting afterwards can miss a fast navigation.
    /// </summary>
    public async Task SubmitAndWaitForQueryAsync(Func<Task> submit, string name, string value)
    {
        var loaded = page.WaitForURLAsync(url =>
        {
            var address = new Uri(url);
            return address.AbsolutePath == "/exercises"
                && QueryHelpers.ParseQuery(address.Query).TryGetValue(name, out var values)
                && values.Contains(value);
        });
        await submit();
        await loaded;
    }

    /// <summary>The number the result heading states ("No exercises match", "1 exercise", "12 exercises").</summary>
    public async Task<int> CountAsync()
    {
        var text = await CountHeading.InnerTextAsync();
        if (text.StartsWith("No ", StringComparison.Ordinal))
        {
            return 0;
        }
        var match = LeadingNumber().Match(text);
        match.Success.ShouldBeTrue($"the result heading '{text}' should start with a number");
        return int.Parse(match.Value, CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<string>> CardNamesAsync() => [.. await CardLinks.AllInnerTextsAsync()];

    /// <summary>The exercise ids the cards link to.</summary>
    public async Task<IReadOnlyList<string>> CardIdsAsync()
    {
        var hrefs = await CardLinks.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        const string prefix = "/exercises/";
        hrefs.ShouldAllBe(href => href.StartsWith(prefix, StringComparison.Ordinal));
        return [.. hrefs.Select(href => href[prefix.Length..])];
    }

    [GeneratedRegex(@"^\d+")]
    private static partial Regex LeadingNumber();
}
