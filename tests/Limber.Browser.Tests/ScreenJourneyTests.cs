using Deque.AxeCore.Playwright;
using Limber.Domain.Safety;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>A person answers the warning-sign screen in a real browser and reads what it means.</summary>
[Collection(LimberSite.Collection)]
public sealed class ScreenJourneyTests(LimberSite site)
{
    private static async Task AnswerAsync(IPage page, string country, string age, string firstEpisode, Func<string, string> answerFor, params string[] skip)
    {
        await page.GetByLabel("Your country, for emergency numbers").SelectOptionAsync(new SelectOptionValue { Label = country });
        await page.GetByLabel("Your age in years").FillAsync(age);
        await page.GetByRole(AriaRole.Group, new() { Name = "Is this the first time in your life you have had back pain?" })
            .GetByRole(AriaRole.Radio, new() { Name = firstEpisode, Exact = true }).CheckAsync();
        foreach (var item in WarningSignScreen.Items.Where(i => !skip.Contains(i.Id)))
        {
            // By the question's own wording, as a screen-reader user would find it.
            var question = page.GetByRole(AriaRole.Group, new() { Name = item.Question, Exact = true });
            await question.GetByRole(AriaRole.Radio, new() { Name = answerFor(item.Id), Exact = true }).CheckAsync();
        }
    }

    private static Task<IResponse> SubmitAsync(IPage page) =>
        SubmitWithAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "See what my answers mean" }).ClickAsync());

    /// <summary>Runs the action that submits the form and waits for the answer to the post, returning it.</summary>
    private static async Task<IResponse> SubmitWithAsync(IPage page, Func<Task> submit)
    {
        var response = await page.RunAndWaitForResponseAsync(submit, r => r.Request.Method == "POST" && r.Url.EndsWith("/screen", StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response;
    }

    private static async Task ShouldPassAxeAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        result.Passes.ShouldNotBeEmpty();
        AccessibilityTests.Describe(result.Violations).ShouldBeEmpty($"axe violations on {what}");
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task Saddle_numbness_in_the_UK_shows_the_emergency_page_with_999(string screen)
    {
        await using var tab = await site.NewTabAsync(Screen.Named(screen), ColorScheme.Light);
        await tab.GoToAsync("/screen");
        await AnswerAsync(tab.Page, "United Kingdom", "47", "No", id => id == "saddle_numbness" ? "Yes" : "No");
        (await SubmitAsync(tab.Page)).Status.ShouldBe(200);

        var heading = tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToContainTextAsync("Call 999 now");
        await Expect(heading).ToContainTextAsync("A&E");
        await Expect(tab.Page.Locator(".reasons")).ToContainTextAsync("genitals");
        await Expect(tab.Page.GetByText("locked", new() { Exact = false })).ToBeVisibleAsync();
        // The footer follows the country chosen in this very answer.
        await Expect(tab.Page.Locator("footer")).ToContainTextAsync("In an emergency call 999.");
        await ShouldPassAxeAsync(tab.Page, $"the emergency outcome ({screen})");
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor($"screen-emergency-{screen}-light"), FullPage = true });
    }

    [Fact]
    public async Task All_no_says_no_warning_signs_reported_and_never_all_clear()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("phone"), ColorScheme.Dark);
        await tab.GoToAsync("/screen");
        await AnswerAsync(tab.Page, "Australia", "35", "No", _ => "No");
        (await SubmitAsync(tab.Page)).Status.ShouldBe(200);

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No warning signs reported");
        (await tab.Page.ContentAsync()).ShouldNotContain("all clear", Case.Insensitive);
        await Expect(tab.Page.Locator("footer")).ToContainTextAsync("In an emergency call 000.");
        await ShouldPassAxeAsync(tab.Page, "the no-warning-signs outcome");
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("screen-none-phone-dark"), FullPage = true });
    }

    [Fact]
    public async Task Urgent_answers_say_see_a_doctor_within_48_hours_and_what_to_tell_them()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("phone"), ColorScheme.Light);
        await tab.GoToAsync("/screen");
        await AnswerAsync(tab.Page, "United Kingdom", "62", "Yes", id => id == "weight_loss" ? "Yes" : id == "pain_below_knee" ? "Not sure" : "No");
        await SubmitAsync(tab.Page);

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("See a doctor within 24 to 48 hours");
        await Expect(tab.Page.GetByText("NHS 111")).ToBeVisibleAsync();
        await Expect(tab.Page.Locator(".outcome .reasons")).ToContainTextAsync("weight");
        // Unsure on a routine item gives nothing by itself, yet it is still shown.
        await Expect(tab.Page.Locator(".outcome-unsure")).ToContainTextAsync("below the knee");
        await ShouldPassAxeAsync(tab.Page, "the urgent outcome");
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("screen-urgent-phone-light"), FullPage = true });
    }

    [Fact]
    public async Task A_missing_answer_is_named_kept_and_never_judged()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("phone"), ColorScheme.Light);
        await tab.GoToAsync("/screen");
        await AnswerAsync(tab.Page, "Canada", "40", "No", _ => "No", skip: "bladder_change");
        (await SubmitAsync(tab.Page)).Status.ShouldBe(400);

        var errors = tab.Page.GetByRole(AriaRole.Alert);
        await Expect(errors).ToContainTextAsync("Please answer");
        await Expect(errors).ToContainTextAsync("pee");
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check for warning signs");
        // What was answered is still there.
        await Expect(tab.Page.GetByLabel("Your age in years")).ToHaveValueAsync("40");
        var saddle = WarningSignScreen.Items.Single(i => i.Id == "saddle_numbness").Question;
        await Expect(tab.Page.GetByRole(AriaRole.Group, new() { Name = saddle, Exact = true }).GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true })).ToBeCheckedAsync();
        await ShouldPassAxeAsync(tab.Page, "the screen with a missing answer");
    }

    [Fact]
    public async Task The_screen_can_be_answered_by_keyboard_alone()
    {
        await using var tab = await site.NewTabAsync(Screen.Named("desktop"), ColorScheme.Light);
        await tab.GoToAsync("/screen");
        var page = tab.Page;
        await page.GetByLabel("Your country, for emergency numbers").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("30");
        await page.Keyboard.PressAsync("Tab");
        // Arrow keys move within a radio group and select; Tab moves to the next group.
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        foreach (var _ in WarningSignScreen.Items)
        {
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowLeft");
        }
        await page.Keyboard.PressAsync("Tab");
        await SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"));
        // ArrowRight twice then left lands on "No" in every group: nothing to report.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No warning signs reported");
    }
}
