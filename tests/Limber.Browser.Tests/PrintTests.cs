using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// Printing (issue 10): Today and the six weeks printed from the browser (print media, light paper whatever the
/// screen's scheme, no navigation or controls), and the routine's PDF handout downloaded from its link.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class PrintTests(LimberSite site)
{
    private const string HandoutLink = "Print or save today's routine as a PDF";

    [Fact]
    public async Task Printing_today_keeps_the_routine_and_drops_the_navigation_and_controls()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        await Player.SignUpWithRoutineAsync(tab, "print-today");
        var page = tab.Page;
        await tab.GoToAsync("/today");
        var items = page.Locator(".routine-part .routine-item");
        var count = await items.CountAsync();
        count.ShouldBeGreaterThanOrEqualTo(3);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = HandoutLink })).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "today's routine with the handout link");
        await AccountSteps.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = HandoutLink }));
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("today-with-handout-link-phone"), FullPage = true });

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start today's session", Exact = true })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = HandoutLink })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today's routine");
        for (var i = 0; i < count; i++)
        {
            await Expect(items.Nth(i)).ToBeVisibleAsync();
            // Links keep their words (the exercise's name) as plain text.
            await Expect(items.Nth(i).Locator("h3 a")).ToBeVisibleAsync();
        }
        (await items.First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside")).ShouldBe("avoid");
        await Expect(page.Locator(".site-footer")).ToContainTextAsync("not a medical device");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("today-print-phone"), FullPage = true });
        // Chromium's own print to PDF, as a person's "Save as PDF" would make it.
        var printed = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        System.Text.Encoding.ASCII.GetString(printed, 0, 5).ShouldBe("%PDF-");
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotTests.Folder, "today-printed-by-chromium.pdf"), printed);

        // Back on the screen, nothing has changed: the navigation, the controls, and axe.
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(page.Locator(".site-header")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start today's session", Exact = true })).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "today's routine after printing");
        tab.RequestedUrls.ShouldAllBe(u => u.StartsWith(site.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paper_is_white_with_dark_text_even_when_the_screen_is_dark()
    {
        await using var tab = await site.NewTabAsync(Screen.Desktop, ColorScheme.Dark);
        await Player.SignUpWithRoutineAsync(tab, "print-dark");
        var page = tab.Page;
        await tab.GoToAsync("/program");
        (await BodyColoursAsync(page)).Background.ShouldNotBe("rgb(255, 255, 255)", "the screen is dark");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var (background, text) = await BodyColoursAsync(page);
        background.ShouldBe("rgb(255, 255, 255)");
        text.ShouldBe("rgb(0, 0, 0)");
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveCountAsync(6);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = HandoutLink })).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("program-print-desktop-dark"), FullPage = true });

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = HandoutLink })).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "the six weeks with the handout link (dark)");
    }

    [Fact]
    public async Task The_link_on_today_downloads_the_handout_of_the_day()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        await Player.SignUpWithRoutineAsync(tab, "print-handout");
        var page = tab.Page;
        await tab.GoToAsync("/today");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = HandoutLink }).ClickAsync());

        download.SuggestedFilename.ShouldMatch(@"^limber-routine-\d{4}-\d{2}-\d{2}\.pdf$");
        var saved = Path.Combine(ScreenshotTests.Folder, "routine-handout.pdf");
        await download.SaveAsAsync(saved);
        var bytes = await File.ReadAllBytesAsync(saved);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        tab.RequestedUrls.ShouldAllBe(u => u.StartsWith(site.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_routine_the_handout_address_is_a_page_saying_what_comes_first()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var page = tab.Page;
        await tab.GoToAsync("/account/sign-up");
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("print-blocked"), AccountSteps.Password, consent: true);

        await tab.GoToAsync("/today/handout.pdf", expectedStatus: 409);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No handout yet");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Answer the onboarding questions" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "the handout's answer without a routine");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("handout-refused-phone"), FullPage = true });
        tab.RequestedUrls.ShouldAllBe(u => u.StartsWith(site.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    private static async Task<(string Background, string Text)> BodyColoursAsync(IPage page)
    {
        var colours = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]; }");
        return (colours[0], colours[1]);
    }
}
