using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// From a new account to today's routine in a real browser: consent, onboarding, the warning-sign screen, then
/// the routine with a reason for every exercise, and the six weeks. Each step that comes first says so.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class RoutineJourneyTests(LimberSite site, ConfiguredServer server) : IClassFixture<ConfiguredServer>
{
    [Fact]
    public async Task Onboarding_then_the_screen_give_a_routine_with_a_reason_for_each_exercise_and_six_weeks()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, ColorScheme.Light);
        var page = tab.Page;
        await tab.GoToAsync(server.Url("/account/sign-up"));
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("routine"), AccountSteps.Password, consent: true);

        // Before onboarding, Today says what comes first.
        await tab.GoToAsync(server.Url("/today"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Answer the onboarding questions" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Answer the onboarding questions" }).ClickAsync();

        await page.Locator("input[name=tightAreas][value=hipFront]").CheckAsync();
        await page.Locator("input[name=triggers][value=afterSitting]").CheckAsync();
        await page.Locator("input[name=day][value=sitting]").CheckAsync();
        await page.Locator("#sittingHoursPerDay").FillAsync("8");
        foreach (var position in new[] { "floor", "standing", "chair" })
        {
            await page.Locator($"input[name=positions][value={position}]").CheckAsync();
        }
        await page.Locator("input[name=equipment][value=chair]").CheckAsync();
        await page.Locator("input[name=minutesPerSession][value='10']").CheckAsync();
        await page.Locator("#sessionsPerDay").FillAsync("1");
        await page.Locator("#baselinePain").FillAsync("3");
        await page.Locator("#morningStiffnessMinutes").FillAsync("10");
        string[] activities = ["Putting on socks", "Sitting through a meeting", "Getting out of the car"];
        for (var i = 0; i < activities.Length; i++)
        {
            await page.Locator($"#activities-{i}-name").FillAsync(activities[i]);
            await page.Locator($"#activities-{i}-score").FillAsync("5");
        }
        var saved = await AccountSteps.SubmitWithAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync());
        saved.Status.ShouldBe(200);

        // Still no routine: the warning-sign questions come first.
        await page.GetByRole(AriaRole.Link, new() { Name = "See today's routine" }).ClickAsync();
        await Expect(page.GetByText("The warning-sign questions come first")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Answer the warning-sign questions" }).ClickAsync();
        await AccountSteps.AnswerScreenAsync(page, _ => "No");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Saved to your account" })).ToBeVisibleAsync();

        await tab.GoToAsync(server.Url("/today"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today's routine");
        var items = page.Locator(".routine-item");
        (await items.CountAsync()).ShouldBeGreaterThanOrEqualTo(3);
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            (await items.Nth(i).InnerTextAsync()).ShouldContain("Why this exercise:");
        }
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Strengthening" })).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "today's routine");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("today-routine-phone-light"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "See your six weeks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveCountAsync(6);
        await Expect(page.GetByText("You are in week 1, day 1")).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "the six weeks");
    }
}
