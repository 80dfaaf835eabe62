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
        var items = page.Locator(".routine-part .routine-item");
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

        // Without the player: log the routine done, say how it felt. The first exercise hurt (7 out of 10), so it steps back a level.
        await tab.GoToAsync(server.Url("/today"));
        var firstName = (await page.Locator(".routine-part .routine-item h3 a").First.InnerTextAsync()).Trim();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start today's session", Exact = true })).ToHaveAttributeAsync("href", "/today/play");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log a session", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today's session");
        await AccountSteps.ShouldPassAxeAsync(page, "the session log");
        // Saving without the worst pain names it and stores nothing.
        var refused = await AccountSteps.SubmitWithAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save the session" }).ClickAsync());
        refused.Status.ShouldBe(400);
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("worst pain");
        await AccountSteps.ShouldPassAxeAsync(page, "the session log with an error");

        var first = page.Locator(".session-item").First;
        await first.GetByLabel("It hurt", new() { Exact = true }).CheckAsync();
        await first.GetByLabel("If it hurt: how much, 0 to 10").FillAsync("7");
        await page.Locator(".session-item").Nth(1).GetByLabel("About right").CheckAsync();
        await page.Locator("label[for=painBefore-2]").ClickAsync();
        await page.Locator("label[for=worstPain-7]").ClickAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("session-log-phone-light"), FullPage = true });
        var stored = await AccountSteps.SubmitWithAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save the session" }).ClickAsync());
        stored.Status.ShouldBe(200);
        await Expect(page.GetByText("Your session is saved.")).ToBeVisibleAsync();
        await Expect(page.Locator(".dose-results li").Filter(new() { HasText = firstName })).ToContainTextAsync("7 out of 10");
        await AccountSteps.ShouldPassAxeAsync(page, "the saved session");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("session-saved-phone-light"), FullPage = true });

        // Today shows the exercise's own dose now, and "why" explains it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to today" }).ClickAsync();
        var stepped = page.Locator(".routine-part .routine-item").Filter(new() { HasText = firstName });
        await Expect(stepped.Locator(".dose-change")).ToContainTextAsync("One step back");
        await stepped.GetByRole(AriaRole.Link, new() { Name = "More about why" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Why {firstName}");
        await Expect(page.Locator("main")).ToContainTextAsync("next 2 sessions go back to the previous level");
        await AccountSteps.ShouldPassAxeAsync(page, "why this exercise");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("why-phone-light"), FullPage = true });

        // The daily check-in: nothing worrying, so the routine goes on.
        await tab.GoToAsync(server.Url("/today"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Daily check-in" }).ClickAsync();
        await page.Locator("input[name=painNow][value='2']").CheckAsync();
        foreach (var question in new[] { "legSymptoms", "numbness", "bladderOrBowelChange" })
        {
            await page.Locator($"input[name={question}][value=no]").CheckAsync();
        }
        var checkedIn = await AccountSteps.SubmitWithAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save my check-in" }).ClickAsync());
        checkedIn.Status.ShouldBe(200);
        await Expect(page.GetByText("Saved", new() { Exact = false }).First).ToBeVisibleAsync();
        await tab.GoToAsync(server.Url("/today"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start today's session", Exact = true })).ToBeVisibleAsync();

        // Progress: the check-in and the session are on the charts, each chart described in words and as a table.
        await page.GetByRole(AriaRole.Link, new() { Name = "Your progress" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your progress");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Pain over the weeks (7-day mean)" })).ToBeVisibleAsync();
        await Expect(page.Locator("#adherence-desc")).ToContainTextAsync("current streak 1 day");
        await page.GetByText("Pain as a table").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Pain each day, 0 to 10" })).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "the progress page");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("progress-phone-light"), FullPage = true });
    }
}
