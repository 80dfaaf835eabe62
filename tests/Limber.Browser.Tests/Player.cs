using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// The guided session player (/today/play) as a person uses it, and its person: signed up in the browser, then
/// onboarded and screened through the API with the page's own cookie, as the player calls it (X-Limber-Client).
/// </summary>
internal sealed class Player(IPage page)
{
    public const string Path = "/today/play";
    private const string ClientHeader = "X-Limber-Client";

    public IPage Page { get; } = page;

    public ILocator Root => Page.Locator("#player");
    public ILocator Start => Page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
    public ILocator Toggle => Page.Locator("#play-toggle");
    public ILocator Back => Page.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true });
    public ILocator Skip => Page.GetByRole(AriaRole.Button, new() { Name = "Skip exercise" });
    public ILocator Easier => Page.GetByRole(AriaRole.Button, new() { Name = "Easier version" });
    public ILocator Mute => Page.GetByRole(AriaRole.Button, new() { Name = "Mute" });
    public ILocator End => Page.GetByRole(AriaRole.Button, new() { Name = "End session" });
    public ILocator Hurts => Page.GetByRole(AriaRole.Button, new() { Name = "This hurts" });
    public ILocator Exercise => Page.Locator("#play-exercise");
    public ILocator StepText => Page.Locator("#play-step");
    public ILocator Counter => Page.Locator("#play-counter");
    public ILocator Figure => Page.Locator("#play-figure");
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator Feedback => Page.Locator("#player-feedback");
    public ILocator DoneStatus => Page.Locator("#done-status");

    /// <summary>Every control a person plays with, for the keyboard and target-size checks.</summary>
    public IEnumerable<ILocator> Controls => [Toggle, Back, Skip, Easier, Mute, End, Hurts];

    /// <summary>
    /// A new person on <paramref name="tab"/> with a short routine: signed up with consent, onboarded for 5 minutes a
    /// session (three exercises, one of them one-sided and one with an easier variant), no warning signs.
    /// </summary>
    public static async Task<Player> SignUpWithRoutineAsync(BrowserTab tab, string who)
    {
        var page = tab.Page;
        await tab.GoToAsync("/account/sign-up");
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail(who), AccountSteps.Password, consent: true);
        var player = new Player(page);
        var timeZone = await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone");
        await player.SendAsync("PUT", "/api/v1/me/profile", new JsonObject
        {
            ["tightAreas"] = new JsonArray("lowerBack", "hipFront"),
            ["triggers"] = new JsonArray("afterSitting"),
            ["day"] = new JsonArray("sitting"),
            ["sittingHoursPerDay"] = 8,
            ["positions"] = new JsonArray("floor", "standing", "chair"),
            ["equipment"] = new JsonArray("chair"),
            ["minutesPerSession"] = 5,
            ["sessionsPerDay"] = 1,
            ["baselinePain"] = 3,
            ["morningStiffnessMinutes"] = 10,
            ["activities"] = new JsonArray(
                new JsonObject { ["name"] = "Putting on socks", ["score"] = 5 },
                new JsonObject { ["name"] = "Getting out of the car", ["score"] = 5 },
                new JsonObject { ["name"] = "Sitting through a meeting", ["score"] = 5 }),
            ["timeZone"] = timeZone,
        }, 201);
        var answers = new JsonObject();
        foreach (var item in WarningSignScreen.Items)
        {
            answers[item.Id] = "no";
        }
        await player.SendAsync("POST", "/api/v1/me/screens", new JsonObject { ["age"] = 47, ["firstEpisode"] = false, ["answers"] = answers }, 201);
        return player;
    }

    /// <summary>Today's timeline by the phone's own date, as the player asks for it.</summary>
    public async Task<JsonElement> TimelineAsync()
    {
        var today = await Page.EvaluateAsync<string>("() => new Date().toLocaleDateString('sv')");
        return await GetAsync($"/api/v1/me/routine/timeline?date={today}");
    }

    /// <summary>The sessions stored for the person (the last 30 days).</summary>
    public async Task<JsonElement[]> SessionsAsync() =>
        [.. (await GetAsync("/api/v1/me/sessions")).GetProperty("sessions").EnumerateArray()];

    /// <summary>Installs Playwright's clock and opens the player; the clock is paused once the page is ready, so only the test moves time.</summary>
    public async Task OpenWithClockAsync(BrowserTab tab)
    {
        ArgumentNullException.ThrowIfNull(tab);
        await Page.Clock.InstallAsync();
        await tab.GoToAsync(Path);
        await Expect(Start).ToBeVisibleAsync();
        await Page.Clock.PauseAtAsync(DateTime.Now.AddSeconds(1));
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the clock running (axe-core waits on timers of its own, which a paused clock never
    /// fires), then pauses it again just after where it got to.
    /// </summary>
    public async Task WithClockRunningAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await Page.Clock.ResumeAsync();
        await work();
        var now = await Page.EvaluateAsync<long>("() => Date.now()");
        await Page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds(now + 1000).UtcDateTime);
    }

    /// <summary>Waits until the service worker controls the page and has kept what the player needs offline.</summary>
    public async Task WaitUntilOfflineReadyAsync()
    {
        await Expect(Root).ToHaveAttributeAsync("data-offline", "ready");
        await Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
    }

    /// <summary>Plays steps [from, to) of <paramref name="steps"/>, checking that each shows in its turn.</summary>
    public async Task PlayAsync(IReadOnlyList<JsonElement> steps, int from, int to, Func<JsonElement, Task>? check = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (var i = from; i < to; i++)
        {
            await Expect(StepText).ToHaveTextAsync(steps[i].GetProperty("text").GetString()!);
            if (check is not null)
            {
                await check(steps[i]);
            }
            await Page.Clock.RunForAsync(steps[i].GetProperty("seconds").GetInt32() * 1000);
        }
    }

    /// <summary>Runs the clock by the seconds of steps [from, to) without checking them.</summary>
    public Task RunThroughAsync(IReadOnlyList<JsonElement> steps, int from, int to) =>
        Page.Clock.RunForAsync(steps.Skip(from).Take(to - from).Sum(s => s.GetProperty("seconds").GetInt32()) * 1000);

    /// <summary>The feedback fieldset of one exercise, by its name.</summary>
    public ILocator FeedbackFor(string name) => Feedback.Locator(".session-item").Filter(new() { Has = Page.Locator("legend", new() { HasText = name }) });

    /// <summary>Says how an exercise felt (and how much, for "It hurt").</summary>
    public async Task SayAsync(string name, string answer, int? pain = null)
    {
        var item = FeedbackFor(name);
        await item.GetByLabel(answer, new() { Exact = true }).CheckAsync();
        if (pain is { } score)
        {
            await ChooseScoreAsync(item.GetByRole(AriaRole.Group, new() { Name = "If it hurt: how much, 0 to 10" }), score);
        }
    }

    /// <summary>Picks a score on a 0-10 scale by its label, as a thumb would (the radio itself is visually hidden).</summary>
    public static Task ChooseScoreAsync(ILocator scale, int score) =>
        scale.Locator("label", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{score}$") }).ClickAsync();

    public Task ChooseWorstPainAsync(int score) => ChooseScoreAsync(Page.Locator("#worstPain"), score);

    public Task SaveAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Save the session" }).ClickAsync();

    /// <summary>Opens "This hurts" and picks a stop choice by (part of) its label.</summary>
    public async Task ReportAsync(string label)
    {
        await Hurts.ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = label }).ClickAsync();
    }

    /// <summary>Opens "This hurts" and reports pain during the exercise.</summary>
    public async Task ReportPainAsync(int score)
    {
        await Hurts.ClickAsync();
        await ChooseScoreAsync(Dialog.GetByRole(AriaRole.Group, new() { Name = "Pain during this exercise, 0 to 10" }), score);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Tell Limber this pain" }).ClickAsync();
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await Page.APIRequest.GetAsync(path, new() { Headers = new Dictionary<string, string> { [ClientHeader] = "player" } });
        response.Status.ShouldBe(200, $"GET {path}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    private async Task SendAsync(string method, string path, JsonObject body, int expectedStatus)
    {
        var response = await Page.APIRequest.FetchAsync(path, new()
        {
            Method = method,
            Headers = new Dictionary<string, string> { [ClientHeader] = "player", ["Content-Type"] = "application/json" },
            Data = body.ToJsonString(),
        });
        response.Status.ShouldBe(expectedStatus, $"{method} {path}: {await response.TextAsync()}");
    }
}
