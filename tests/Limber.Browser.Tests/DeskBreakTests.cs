using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// Today's desk-break banner (issue 9) in a real browser: a desk break falling due while Today is open appears in the
/// page's status region, can be put away, and the page stays free of axe violations with it showing.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class DeskBreakTests(LimberSite site)
{
    /// <summary>A fixed-offset zone where it is now between 01:00 and 23:00, so breaks every 15 minutes all day fall now and next.</summary>
    private static string MidDayZone()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var hours in Enumerable.Range(-12, 25))
        {
            var minute = (now.Hour * 60 + now.Minute + hours * 60 + 24 * 60) % (24 * 60);
            if (minute is >= 60 and <= 23 * 60)
            {
                // Etc/GMT-3 is UTC+3: these names have the sign reversed.
                return hours == 0 ? "Etc/UTC" : $"Etc/GMT{(hours > 0 ? "-" : "+")}{Math.Abs(hours)}";
            }
        }
        throw new InvalidOperationException("unreachable: some offset puts any time in the middle of a day");
    }

    [Fact]
    public async Task A_desk_break_falling_due_while_Today_is_open_is_announced_and_can_be_put_away()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var page = tab.Page;
        await tab.GoToAsync("/account/sign-up");
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("desk-break"), AccountSteps.Password, consent: true);
        var saved = await page.APIRequest.PutAsync("/api/v1/me/reminders", new()
        {
            Headers = new Dictionary<string, string> { ["X-Limber-Client"] = "player" },
            DataObject = new
            {
                timeZone = MidDayZone(),
                daily = Array.Empty<object>(),
                days = Array.Empty<string>(),
                deskBreaks = new
                {
                    everyMinutes = 15,
                    days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
                    workFrom = "00:00",
                    workTo = "23:59",
                },
                quietTimes = Array.Empty<object>(),
            },
        });
        saved.Status.ShouldBe(200, await saved.TextAsync());

        await page.Clock.InstallAsync();
        await tab.GoToAsync("/today");
        var region = page.Locator("#desk-break");
        await Expect(region).ToHaveAttributeAsync("role", "status");
        // The break of the last quarter hour shows at once; put it away.
        var banner = region.Locator(".desk-break-banner");
        await Expect(banner).ToContainTextAsync("Time for a desk break");
        await region.GetByRole(AriaRole.Button, new() { Name = "Done, hide this" }).ClickAsync();
        await Expect(banner).ToHaveCountAsync(0);

        // The next one falls due within 15 minutes while the page stays open.
        await page.Clock.RunForAsync(15 * 60 * 1000 + 1000);
        await Expect(banner).ToContainTextAsync("Time for a desk break");
        await Expect(banner).ToContainTextAsync("Stand up");

        var axe = await page.RunAxe();
        axe.Passes.ShouldNotBeEmpty();
        AccessibilityTests.Describe(axe.Violations).ShouldBeEmpty("axe violations on Today with the desk-break banner");
        Directory.CreateDirectory(ScreenshotTests.Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotTests.Folder, "today-desk-break-phone.png"), FullPage = false });

        // Put away, it stays away after a reload within the same break.
        await region.GetByRole(AriaRole.Button, new() { Name = "Done, hide this" }).ClickAsync();
        await page.ReloadAsync();
        await Expect(region.Locator(".desk-break-banner")).ToHaveCountAsync(0);
    }
}
