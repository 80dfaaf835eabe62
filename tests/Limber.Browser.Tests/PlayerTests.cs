using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// The guided session player (issue 7) in a real browser, with Playwright's clock standing in for the minutes: every
/// step in order, the stop rules of "this hurts", the keyboard, and a session finished offline that arrives once.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class PlayerTests(LimberSite site)
{
    /// <summary>A phone turned sideways, propped on the floor.</summary>
    private static readonly Screen Landscape = new("phone-landscape", 740, 360);

    [Fact]
    public async Task A_whole_routine_plays_every_step_in_order_and_its_feedback_arrives()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var player = await Player.SignUpWithRoutineAsync(tab, "player-whole");
        var timeline = await player.TimelineAsync();
        var steps = timeline.GetProperty("steps").EnumerateArray().ToList();
        var exercises = timeline.GetProperty("exercises").EnumerateArray().ToList();
        exercises.Count.ShouldBe(3, "a 5-minute routine has three exercises");
        steps.Sum(s => s.GetProperty("seconds").GetInt32()).ShouldBe(timeline.GetProperty("totalSeconds").GetInt32());
        exercises.ShouldContain(e => e.GetProperty("perSide").GetBoolean(), "the routine has a one-sided exercise");

        await player.OpenWithClockAsync(tab);
        foreach (var e in exercises)
        {
            await Expect(player.Page.Locator("#start-list")).ToContainTextAsync(e.GetProperty("name").GetString()!);
        }
        await player.Start.ClickAsync();

        var sides = new List<string>();
        await player.PlayAsync(steps, 0, steps.Count, async step =>
        {
            var exercise = exercises.Single(e => e.GetProperty("id").GetString() == step.GetProperty("exerciseId").GetString());
            var name = exercise.GetProperty("name").GetString()!;
            await Expect(player.Exercise).ToContainTextAsync(name);
            if (step.TryGetProperty("side", out var side))
            {
                var left = side.GetString() == "left";
                await Expect(player.Counter).ToContainTextAsync(left ? "Left side" : "Right side");
                var figure = exercise.GetProperty(left ? "figureLeft" : "figure").GetString()!;
                await Expect(player.Figure).ToHaveAttributeAsync("src", figure);
                if (sides.Count == 0 || sides[^1] != side.GetString())
                {
                    sides.Add(side.GetString()!);
                }
            }
        });
        sides.ShouldBe(["right", "left"], "a one-sided exercise works the right side, then the left");

        await Expect(player.Feedback).ToBeVisibleAsync();
        await Expect(player.Page.Locator("#feedback-heading")).ToBeFocusedAsync();
        var names = exercises.Select(e => e.GetProperty("name").GetString()!).ToList();
        await player.SayAsync(names[0], "Too easy");
        await player.SayAsync(names[1], "About right");
        await player.SayAsync(names[2], "It hurt", pain: 4);
        await player.ChooseWorstPainAsync(4);
        await player.SaveAsync();
        await Expect(player.DoneStatus).ToHaveTextAsync("Your session is saved. Well done.");
        await Expect(player.Page.Locator("#done-dose-list li")).ToHaveCountAsync(3);
        await Expect(player.Page.GetByRole(AriaRole.Link, new() { Name = "check in tomorrow morning" })).ToHaveAttributeAsync("href", "/checkin");

        var session = (await player.SessionsAsync()).ShouldHaveSingleItem();
        var logs = Logs(session);
        logs.Keys.ShouldBe(exercises.Select(e => e.GetProperty("id").GetString()!), ignoreOrder: true);
        logs.Values.ShouldAllBe(l => l.GetProperty("completed").GetBoolean());
        var ids = exercises.Select(e => e.GetProperty("id").GetString()!).ToList();
        ids.Select(id => logs[id].GetProperty("feedback").GetString()).ShouldBe(["tooEasy", "aboutRight", "hurt"]);
        logs[ids[2]].GetProperty("worstPain").GetInt32().ShouldBe(4);
        session.GetProperty("worstPain").GetInt32().ShouldBe(4);
        session.GetProperty("stops").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_session_finished_offline_is_kept_on_the_phone_and_arrives_once_when_back_online()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var player = await Player.SignUpWithRoutineAsync(tab, "player-offline");
        var timeline = await player.TimelineAsync();
        var steps = timeline.GetProperty("steps").EnumerateArray().ToList();
        var names = timeline.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
        await player.OpenWithClockAsync(tab);
        await player.WaitUntilOfflineReadyAsync();

        await player.Start.ClickAsync();
        await player.PlayAsync(steps, 0, 3);
        var context = player.Page.Context;
        await context.SetOfflineAsync(true);

        // The page, its files and the session in progress all come from the phone: the same step, paused.
        var reloaded = await player.Page.ReloadAsync();
        reloaded.ShouldNotBeNull().FromServiceWorker.ShouldBeTrue("offline, the service worker serves the player");
        await Expect(player.StepText).ToHaveTextAsync(steps[3].GetProperty("text").GetString()!);
        await Expect(player.Toggle).ToHaveTextAsync("Resume");
        await Expect(player.Page.Locator("#player-status")).ToContainTextAsync("paused where you left it");
        await Expect(player.Figure).ToHaveJSPropertyAsync("complete", true);
        (await player.Figure.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(0, "the figure comes from the phone too");

        await player.Toggle.ClickAsync();
        await player.PlayAsync(steps, 3, 4);
        await player.RunThroughAsync(steps, 4, steps.Count);
        await Expect(player.Feedback).ToBeVisibleAsync();
        foreach (var name in names)
        {
            await player.SayAsync(name, "About right");
        }
        await player.ChooseWorstPainAsync(2);
        await player.SaveAsync();
        await Expect(player.DoneStatus).ToHaveTextAsync("Saved on this phone; it will be sent when you are back online.");

        // Reloading offline keeps it waiting: nothing is lost, and it is not sent twice.
        await player.Page.ReloadAsync();
        await Expect(player.DoneStatus).ToHaveTextAsync("Saved on this phone; it will be sent when you are back online.");

        await context.SetOfflineAsync(false);
        await Expect(player.DoneStatus).ToHaveTextAsync("Your session is saved. Well done.");
        await player.Page.ReloadAsync();
        await Expect(player.Start).ToBeVisibleAsync();

        var session = (await player.SessionsAsync()).ShouldHaveSingleItem("sent once, stored once");
        var logs = Logs(session);
        logs.Count.ShouldBe(names.Count);
        logs.Values.ShouldAllBe(l => l.GetProperty("completed").GetBoolean() && l.GetProperty("feedback").GetString() == "aboutRight");
        session.GetProperty("worstPain").GetInt32().ShouldBe(2);

        // The page, the worker and everything they kept: nothing from another origin.
        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);
        tab.RequestedUrls.Where(url => new Uri(url).GetLeftPart(UriPartial.Authority) != origin).ShouldBeEmpty();
        tab.RequestedUrls.ShouldContain(url => url.Contains("/api/v1/me/routine/timeline?date=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task This_hurts_applies_each_stop_rule_at_once_and_the_stops_arrive_with_the_session()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var player = await Player.SignUpWithRoutineAsync(tab, "player-hurts");
        var timeline = await player.TimelineAsync();
        var exercises = timeline.GetProperty("exercises").EnumerateArray().ToList();
        var withEasier = exercises.FindIndex(e => e.TryGetProperty("easier", out _));
        var oneSided = exercises.FindIndex(e => e.GetProperty("perSide").GetBoolean());
        withEasier.ShouldBeGreaterThan(0, "the routine has an exercise with an easier variant, after the first");
        oneSided.ShouldBeGreaterThan(withEasier, "and a one-sided exercise after it");
        var first = exercises[0].GetProperty("id").GetString()!;
        var hard = exercises[withEasier];
        var easier = hard.GetProperty("easier");
        var sided = exercises[oneSided];
        await player.OpenWithClockAsync(tab);
        await player.Start.ClickAsync();

        // The first exercise has no easier variant: sharp pain offers skipping it only.
        await player.ReportAsync("Sharp, stabbing or electric pain");
        await Expect(player.Dialog).ToContainTextAsync("Stop this exercise");
        await Expect(player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Skip this exercise" })).ToBeFocusedAsync();
        await Expect(player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Try the easier version" })).ToBeHiddenAsync();
        await player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Skip this exercise" }).ClickAsync();
        await Expect(player.Dialog).ToBeHiddenAsync();
        await Expect(player.Exercise).ToHaveTextAsync($"Next: {exercises[1].GetProperty("name").GetString()}");
        await Expect(player.Hurts).ToBeFocusedAsync();
        // A second between reports (the clock stands still otherwise), so the stored stops keep their order.
        await player.Page.Clock.RunForAsync(1000);

        // Skip on to the exercise with an easier variant; sharp pain there offers it, and it takes the rest of the exercise.
        for (var i = 1; i < withEasier; i++)
        {
            await player.Skip.ClickAsync();
        }
        await player.Page.Clock.RunForAsync(TransitionSeconds(timeline) * 1000);
        await Expect(player.Exercise).ToHaveTextAsync(hard.GetProperty("name").GetString()!);
        await player.ReportAsync("Sharp, stabbing or electric pain");
        await player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Try the easier version" }).ClickAsync();
        await Expect(player.Exercise).ToHaveTextAsync(easier.GetProperty("name").GetString()!);
        await Expect(player.Toggle).ToHaveTextAsync("Pause");
        await Expect(player.Easier).ToBeHiddenAsync();
        var easierSteps = easier.GetProperty("steps").EnumerateArray().ToList();
        await player.PlayAsync(easierSteps, 0, easierSteps.Count);

        // On to the one-sided exercise: pain 7 on the right side stops that set, so the left side comes next.
        for (var i = withEasier + 1; i < oneSided; i++)
        {
            await player.Skip.ClickAsync();
        }
        await Expect(player.Exercise).ToHaveTextAsync($"Next: {sided.GetProperty("name").GetString()}");
        await player.Page.Clock.RunForAsync(TransitionSeconds(timeline) * 1000);
        await Expect(player.Counter).ToContainTextAsync("Right side");
        await player.ReportPainAsync(7);
        await Expect(player.Dialog).ToContainTextAsync("Stop this set");
        await player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Carry on" }).ClickAsync();
        await Expect(player.StepText).ToHaveTextAsync("Switch to your left side");
        await Expect(player.Counter).ToContainTextAsync("Left side");
        await player.Page.Clock.RunForAsync(1000);

        // Pain 2 carries on as it was.
        await player.ReportPainAsync(2);
        await player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Carry on" }).ClickAsync();
        await Expect(player.StepText).ToHaveTextAsync("Switch to your left side");
        await player.Page.Clock.RunForAsync(1000);

        // An emergency symptom stops the session at once, says what to do, and sends the log with every stop. The sessions
        // kept for the next days go too: none may start offline before the questions are answered.
        await player.WaitUntilOfflineReadyAsync();
        const string keptTimelines = "async () => (await Promise.all((await caches.keys()).filter(n => n.startsWith('limber-data-'))"
            + ".map(async n => (await (await caches.open(n)).keys()).length))).reduce((a, b) => a + b, 0)";
        (await player.Page.EvaluateAsync<int>(keptTimelines)).ShouldBeGreaterThan(0);
        await player.ReportAsync("Numbness around my genitals or bottom");
        var stopped = player.Page.Locator("#player-stopped");
        await Expect(stopped.GetByRole(AriaRole.Alert)).ToContainTextAsync("Stop the session now.");
        await Expect(stopped.GetByRole(AriaRole.Link, new() { Name = "Answer the warning-sign questions now" })).ToHaveAttributeAsync("href", "/screen/recheck");
        await Expect(player.Page.Locator("#stopped-status")).ToHaveTextAsync("Your session is saved. Well done.");
        await Expect(player.Page.Locator("#player-play")).ToBeHiddenAsync();
        (await player.Page.EvaluateAsync<int>(keptTimelines)).ShouldBe(0);

        var session = (await player.SessionsAsync()).ShouldHaveSingleItem();
        var stops = session.GetProperty("stops").EnumerateArray().ToList();
        stops.Select(s => s.GetProperty("symptom").GetString()).ShouldBe(["sharpPain", "sharpPain", "painDuringExercise", "painDuringExercise", "emergencySymptom"]);
        stops.Select(s => s.GetProperty("exerciseId").GetString()).ShouldBe([
            first, hard.GetProperty("id").GetString(), sided.GetProperty("id").GetString(), sided.GetProperty("id").GetString(), sided.GetProperty("id").GetString()]);
        stops[2].GetProperty("painScore").GetInt32().ShouldBe(7);
        stops[2].GetProperty("action").GetString().ShouldBe("stopSetRegressNextSession");
        stops[4].GetProperty("action").GetString().ShouldBe("stopSessionAndRunEmergencyItems");
        var logs = Logs(session);
        logs[first].GetProperty("completed").GetBoolean().ShouldBeFalse();
        logs[hard.GetProperty("id").GetString()!].GetProperty("completed").GetBoolean().ShouldBeFalse("swapped for its easier variant");
        logs[easier.GetProperty("id").GetString()!].GetProperty("completed").GetBoolean().ShouldBeTrue();
        logs[sided.GetProperty("id").GetString()!].GetProperty("completed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Space_pauses_and_carries_on_Tab_reaches_every_control_and_the_dialog_works_by_keyboard()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var player = await Player.SignUpWithRoutineAsync(tab, "player-keys");
        var page = player.Page;
        await player.OpenWithClockAsync(tab);
        await player.Start.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(player.Toggle).ToHaveTextAsync("Pause");
        await Expect(player.Toggle).ToBeFocusedAsync();

        // Space on the page (not on a control) pauses and carries on.
        await page.EvaluateAsync("() => document.activeElement.blur()");
        await page.Keyboard.PressAsync(" ");
        await Expect(player.Toggle).ToHaveTextAsync("Resume");
        var count = await page.Locator("#play-count").InnerTextAsync();
        await page.Clock.RunForAsync(3000);
        await Expect(page.Locator("#play-count")).ToHaveTextAsync(count);
        await page.Keyboard.PressAsync(" ");
        await Expect(player.Toggle).ToHaveTextAsync("Pause");
        await page.Clock.RunForAsync(3000);
        await Expect(page.Locator("#play-count")).Not.ToHaveTextAsync(count);

        // → skips to the next exercise, ← goes back a step.
        var exercise = await player.Exercise.InnerTextAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(player.Exercise).Not.ToHaveTextAsync(exercise);
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(player.Exercise).ToHaveTextAsync(exercise);

        foreach (var control in player.Controls)
        {
            if (await control.IsVisibleAsync())
            {
                await AccountSteps.TabToAsync(page, control);
                var box = (await control.BoundingBoxAsync()).ShouldNotBeNull();
                box.Width.ShouldBeGreaterThanOrEqualTo(44);
                box.Height.ShouldBeGreaterThanOrEqualTo(44);
            }
        }

        // The dialog: Enter opens it with the focus inside, Escape closes it and the focus comes back; the player carries on.
        await player.Hurts.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(player.Dialog).ToBeVisibleAsync();
        (await player.Dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)")).ShouldBeTrue();
        await Expect(player.Toggle).ToHaveTextAsync("Resume");
        await page.Keyboard.PressAsync("Escape");
        await Expect(player.Dialog).ToBeHiddenAsync();
        await Expect(player.Hurts).ToBeFocusedAsync();
        await Expect(player.Toggle).ToHaveTextAsync("Pause");

        // A pain score by keyboard alone: arrows choose on the scale, Tab and Enter send it.
        await page.Keyboard.PressAsync("Enter");
        var scale = player.Dialog.GetByRole(AriaRole.Group, new() { Name = "Pain during this exercise, 0 to 10" });
        await AccountSteps.TabToAsync(page, scale.GetByRole(AriaRole.Radio).First);
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }
        await Expect(scale.GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true })).ToBeCheckedAsync();
        await AccountSteps.TabToAsync(page, player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Tell Limber this pain" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(player.Dialog).ToContainTextAsync("next check-in");
        await Expect(player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Carry on" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(player.Dialog).ToBeHiddenAsync();
        await Expect(player.Toggle).ToHaveTextAsync("Pause");

        // End by keyboard: the feedback's heading takes the focus, and the pain reported is there already.
        await AccountSteps.TabToAsync(page, player.End);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#feedback-heading")).ToBeFocusedAsync();
        var first = player.Feedback.Locator(".session-item").First;
        await Expect(first.GetByLabel("It hurt", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(first.GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true })).ToBeCheckedAsync();
        await Expect(page.Locator("#worstPain").GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Before_onboarding_the_player_says_what_comes_first()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        await tab.GoToAsync("/account/sign-up");
        await AccountSteps.SignUpAsync(tab.Page, AccountSteps.NewEmail("player-first"), AccountSteps.Password, consent: true);
        await tab.GoToAsync(Player.Path);
        var problem = tab.Page.Locator("#player-problem");
        await Expect(problem).ToContainTextAsync("onboarding");
        await Expect(problem.GetByRole(AriaRole.Link, new() { Name = "Back to today" })).ToHaveAttributeAsync("href", "/today");
        await Expect(tab.Page.Locator("#player-start")).ToBeHiddenAsync();
    }

    public static TheoryData<string, ColorScheme> Views() => new()
    {
        { "phone", ColorScheme.Light },
        { "phone", ColorScheme.Dark },
        { "phone-landscape", ColorScheme.Light },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_nothing_on_any_screen_of_the_player(string screen, ColorScheme scheme)
    {
        await using var tab = await site.NewTabAsync(screen == Landscape.Name ? Landscape : Screen.Phone, scheme);
        var player = await Player.SignUpWithRoutineAsync(tab, "player-axe");
        var page = player.Page;
        var suffix = $"{screen}-{scheme.ToString().ToLowerInvariant()}";
        Task CheckAsync(string what) => player.WithClockRunningAsync(async () =>
        {
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).ShouldBeTrue($"{what} scrolls sideways ({suffix})");
            await AccountSteps.ShouldPassAxeAsync(page, $"the player's {what} ({suffix})");
            await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor($"player-{what}-{suffix}"), FullPage = true });
        });

        await player.OpenWithClockAsync(tab);
        await CheckAsync("start");
        await player.Start.ClickAsync();
        // Past getting ready, into the first hold or repetition.
        var getReady = (await player.TimelineAsync()).GetProperty("steps")[0].GetProperty("seconds").GetInt32();
        await page.Clock.RunForAsync((getReady + 1) * 1000);
        await Expect(player.Counter).Not.ToBeEmptyAsync();
        await CheckAsync("playing");
        await player.Hurts.ClickAsync();
        await Expect(player.Dialog).ToBeVisibleAsync();
        await CheckAsync("hurt-dialog");
        await player.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close and carry on" }).ClickAsync();
        await player.End.ClickAsync();
        await Expect(player.Feedback).ToBeVisibleAsync();
        await CheckAsync("feedback");
    }

    private static int TransitionSeconds(JsonElement timeline) =>
        timeline.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("kind").GetString() == "transition").GetProperty("seconds").GetInt32();

    /// <summary>A stored session's exercise logs by exercise id (the server keeps them in an order of its own).</summary>
    private static Dictionary<string, JsonElement> Logs(JsonElement session) =>
        session.GetProperty("exercises").EnumerateArray().ToDictionary(l => l.GetProperty("exerciseId").GetString()!);

    [Fact]
    public async Task The_account_deleted_page_removes_what_the_player_kept_on_the_device()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var player = await Player.SignUpWithRoutineAsync(tab, "player-forget");
        await tab.GoToAsync(Player.Path);
        await player.WaitUntilOfflineReadyAsync();
        const string kept = "async () => (await caches.keys()).filter(n => n.startsWith('limber-')).length";
        (await player.Page.EvaluateAsync<int>(kept)).ShouldBeGreaterThan(0);

        // The page the app shows once an account is deleted (visited directly here: what it removes is on this device).
        await tab.GoToAsync("/account/deleted?reference=deletion-0123456789abcdef");
        // Polled inside the page: WaitForFunctionAsync does not await an async function, so it would pass at once.
        (await player.Page.EvaluateAsync<bool>("""
            async () => {
              for (let i = 0; i < 300; i++) {
                if ((await caches.keys()).length === 0 && (await navigator.serviceWorker.getRegistrations()).length === 0) return true;
                await new Promise((r) => setTimeout(r, 100));
              }
              return false;
            }
            """)).ShouldBeTrue("the account-deleted page removes the player's caches and service worker");
        (await player.Page.EvaluateAsync<bool>("async () => (await indexedDB.databases()).some(d => d.name === 'limber-player')")).ShouldBeFalse();
    }
}
