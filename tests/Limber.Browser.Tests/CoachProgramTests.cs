using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;
using Limber.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// The program builder (issue 10) and the client's side of a coach's program in a real browser: a coach starts from a
/// template, reorders, meets a refused dose, and saves; the client's Today, program page and player show the program,
/// its coach and the notes. axe-core finds nothing in any of these states at phone and desktop width in light and dark,
/// nothing scrolls sideways, and the builder works by keyboard alone.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class CoachProgramTests(LimberSite site, CoachProgramWorld world) : IClassFixture<CoachProgramWorld>
{
    public static TheoryData<string, ColorScheme> Views() => new()
    {
        { "phone", ColorScheme.Light },
        { "phone", ColorScheme.Dark },
        { "desktop", ColorScheme.Light },
        { "desktop", ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_nothing_on_the_builder_in_any_state_nor_on_the_client_s_pages(string screen, ColorScheme scheme)
    {
        var size = Screen.Named(screen);
        var view = $"{size.Width}-{scheme.ToString().ToLowerInvariant()}";
        var client = await world.NewClientAsync($"axe-{view}");
        await using var tab = await site.NewTabAsync(size, scheme, motion: ReducedMotion.Reduce);
        var page = tab.Page;
        await world.SignInAsync(page, world.CoachEmail);
        var builder = new Builder(page);

        await GoAsync(page, world.Url($"/coach/clients/{client.Id:D}/program"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Program for {client.Label}");
        await CheckAsync(page, $"coach-program-plan-{view}", "the builder at the client's plan");

        await builder.Template.SelectOptionAsync(new SelectOptionValue { Label = "Desk worker" });
        (await AccountSteps.SubmitAsync(page, builder.UseTemplate)).Status.ShouldBe(200);
        await Expect(builder.Name).ToHaveValueAsync("Desk worker");
        await Expect(builder.Items).ToHaveCountAsync(6);
        await CheckAsync(page, $"coach-program-template-{view}", "the builder after a template");

        await builder.Reps("Seated cat-cow").FillAsync("99");
        await builder.Thresholds.ClickAsync();
        await page.GetByLabel("Step back when the worst pain is above (0–5)").FillAsync("8");
        (await AccountSteps.SubmitAsync(page, builder.Save)).Status.ShouldBe(400);
        await Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        await Expect(builder.Reps("Seated cat-cow")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAsync(page, $"coach-program-errors-{view}", "the builder with problems");

        await builder.Reps("Seated cat-cow").FillAsync("8");
        await page.GetByLabel("Step back when the worst pain is above (0–5)").FillAsync("4");
        (await AccountSteps.SubmitAsync(page, builder.Save)).Status.ShouldBe(200);
        await Expect(builder.Message).ToContainTextAsync("Saved.");
        await CheckAsync(page, $"coach-program-saved-{view}", "the builder after saving");
        await GoAsync(page, world.Url($"/coach/clients/{client.Id:D}/program?confirm=take-off"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, take the program off" })).ToBeVisibleAsync();
        await CheckAsync(page, $"coach-program-take-off-{view}", "the builder asking to take the program off");

        await using var clientTab = await site.NewTabAsync(size, scheme, motion: ReducedMotion.Reduce);
        var mine = clientTab.Page;
        await world.SignInAsync(mine, client.Email);
        await GoAsync(mine, world.Url("/today"));
        await Expect(mine.GetByText("Your program from your coach, Sam Patel, physiotherapist:")).ToBeVisibleAsync();
        await Expect(mine.GetByText("Note from your coach: Let your breath lead the movement; small and slow is fine.")).ToBeVisibleAsync();
        await CheckAsync(mine, $"client-coach-today-{view}", "Today with a coach's program");
        await GoAsync(mine, world.Url("/program?confirm=leave"));
        await Expect(mine.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your program");
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "Yes, go back to Limber's own plan" })).ToBeVisibleAsync();
        await CheckAsync(mine, $"client-coach-program-{view}", "the client's program page");
        await GoAsync(mine, world.Url("/today/play"));
        await Expect(mine.Locator("#start-coach")).ToHaveTextAsync("Your program from your coach, Sam Patel, physiotherapist: Desk worker.");
        await Expect(mine.Locator("#start-list")).ToContainTextAsync("Note from your coach: Let your breath lead the movement");
        await CheckAsync(mine, $"client-coach-player-{view}", "the player's start with a coach's program");
        // Playing: the coach's note stays with the exercise on screen.
        await mine.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(mine.Locator("#play-note")).ToHaveTextAsync("Your coach: Let your breath lead the movement; small and slow is fine.");
        await mine.Locator("#play-toggle").ClickAsync();
        await Expect(mine.Locator("#play-toggle")).ToHaveTextAsync("Resume");
        await CheckAsync(mine, $"client-coach-playing-{view}", "the player playing a coach's program");

        tab.RequestedUrls.Concat(clientTab.RequestedUrls)
            .Where(url => !url.StartsWith(world.Url("/"), StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
            .ShouldBeEmpty("no request leaves the site");
    }

    [Fact]
    public async Task By_keyboard_alone_a_coach_starts_from_a_template_reorders_and_saves_and_the_client_s_Today_follows()
    {
        var client = await world.NewClientAsync("keys");
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var page = tab.Page;
        await world.SignInAsync(page, world.CoachEmail);
        var builder = new Builder(page);
        await GoAsync(page, world.Url($"/coach/clients/{client.Id:D}/program"));

        // A select changes with the arrow keys; the button beside it starts from the template chosen.
        await AccountSteps.TabToAsync(page, builder.Template, most: 40);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(builder.Template).ToHaveValueAsync("desk-worker");
        await AccountSteps.TabToAsync(page, builder.UseTemplate);
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(200);
        await Expect(builder.Message).ToBeFocusedAsync();
        await Expect(builder.Message).ToContainTextAsync("Started from the template \"Desk worker\"");

        // Moving an exercise brings the page back at its new place, which has the focus and says what happened.
        var down = page.GetByRole(AriaRole.Button, new() { Name = "Move down Seated cat-cow", Exact = true });
        await AccountSteps.TabToAsync(page, down, most: 80);
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(200);
        var moved = page.Locator("[id='item-1']");
        await Expect(moved).ToBeFocusedAsync();
        await Expect(moved).ToContainTextAsync("Moved Seated cat-cow down to number 2.");
        await Expect(builder.Items.Nth(0)).ToContainTextAsync("Standing back extension");

        // Enter in a field saves, as it does in any form.
        await AccountSteps.TabToAsync(page, builder.Reps("Seated cat-cow"), most: 20);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("9");
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(200);
        await Expect(builder.Message).ToBeFocusedAsync();
        await Expect(builder.Message).ToContainTextAsync("Saved.");

        var routine = await world.RoutineAsync(client);
        routine.GetProperty("coach").GetProperty("name").GetString().ShouldBe("Desk worker");
        var items = routine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("exerciseId").GetString()).ToList();
        items.IndexOf("standing-back-extension").ShouldBeLessThan(items.IndexOf("seated-cat-cow"));
        routine.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("exerciseId").GetString() == "seated-cat-cow")
            .GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(9);

        await using var clientTab = await site.NewTabAsync(Screen.Phone);
        await world.SignInAsync(clientTab.Page, client.Email);
        await GoAsync(clientTab.Page, world.Url("/today"));
        await Expect(clientTab.Page.GetByText("Note from your coach: Stand up without using your hands if you can.")).ToBeVisibleAsync();
    }

    /// <summary>The builder as a coach sees it.</summary>
    private sealed class Builder(IPage page)
    {
        public ILocator Template => page.GetByLabel("A template", new() { Exact = true });
        public ILocator UseTemplate => page.GetByRole(AriaRole.Button, new() { Name = "Use this template" });
        public ILocator Name => page.GetByLabel("Program name", new() { Exact = true });
        public ILocator Items => page.Locator(".builder-items > li");
        public ILocator Save => page.GetByRole(AriaRole.Button, new() { Name = "Save the program" });
        public ILocator Message => page.Locator("#builder-message");
        public ILocator Thresholds => page.Locator("#thresholds > summary");

        public ILocator Reps(string exercise) => page.GetByLabel($"Repetitions for {exercise}", new() { Exact = true });
    }

    private static async Task GoAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url) ?? throw new InvalidOperationException($"No response for {url}");
        response.Status.ShouldBe(200, $"GET {url}");
    }

    private static async Task CheckAsync(IPage page, string name, string what)
    {
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).ShouldBeTrue($"{what} ({name}) scrolls sideways");
        await AccountSteps.ShouldPassAxeAsync(page, $"{what} ({name})");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor(name), FullPage = true });
    }
}

/// <summary>
/// A server of its own (the shared site's services are not reachable from here) with a coach, Sam Patel, in an
/// organisation made through <see cref="CoachRecords"/> as the operator's command does; each test adds clients who sit
/// and stand only, onboarded and screened through the API, linked to Sam sharing everything.
/// </summary>
public sealed class CoachProgramWorld : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly LimberServer _server = new();
    private Guid _organisation;
    private Guid _coach;

    public string CoachEmail { get; } = $"coach-{Guid.NewGuid():N}@example.org";

    public string Url(string path) => _server.Url(path);

    /// <summary>A linked client: their id, the address they sign in with, and the coach's label for them.</summary>
    public sealed record Client(Guid Id, string Email, string Label, string Token);

    public async Task InitializeAsync()
    {
        using var http = _server.CreateHttpClient();
        _coach = await RegisterAsync(http, CoachEmail);
        await using var scope = _server.Services.CreateAsyncScope();
        var organisation = await scope.ServiceProvider.GetRequiredService<CoachRecords>()
            .CreateOrganisationAsync($"Back in Motion {Guid.NewGuid():N}"[..24], _coach, "Sam Patel, physiotherapist")
            ?? throw new InvalidOperationException("The organisation was not made.");
        _organisation = organisation.Id;
    }

    public async Task<Client> NewClientAsync(string who)
    {
        using var http = _server.CreateHttpClient();
        var email = $"{who}-{Guid.NewGuid():N}@example.org";
        var id = await RegisterAsync(http, email);
        using var login = await http.PostAsync(new Uri("/api/v1/auth/login", UriKind.Relative), Json(new JsonObject { ["email"] = email, ["password"] = Password }));
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await SendAsync(http, HttpMethod.Post, "/api/v1/me/consents/health-data", null);
        await SendAsync(http, HttpMethod.Put, "/api/v1/me/profile", new JsonObject
        {
            ["tightAreas"] = new JsonArray("lowerBack", "hipFront"),
            ["triggers"] = new JsonArray("afterSitting"),
            ["day"] = new JsonArray("sitting"),
            ["sittingHoursPerDay"] = 8,
            ["positions"] = new JsonArray("chair", "standing"),
            ["equipment"] = new JsonArray("chair"),
            ["minutesPerSession"] = 10,
            ["sessionsPerDay"] = 1,
            ["baselinePain"] = 4,
            ["morningStiffnessMinutes"] = 30,
            ["activities"] = new JsonArray(
                new JsonObject { ["name"] = "Putting on socks", ["score"] = 5 },
                new JsonObject { ["name"] = "Getting out of a car", ["score"] = 6 },
                new JsonObject { ["name"] = "Sitting through a meeting", ["score"] = 4 }),
            ["timeZone"] = "Europe/London",
        });
        var answers = new JsonObject();
        foreach (var item in WarningSignScreen.Items)
        {
            answers[item.Id] = "no";
        }
        await SendAsync(http, HttpMethod.Post, "/api/v1/me/screens", new JsonObject { ["age"] = 41, ["firstEpisode"] = false, ["answers"] = answers });

        var label = $"Jo ({who})";
        await using var scope = _server.Services.CreateAsyncScope();
        var coaching = scope.ServiceProvider.GetRequiredService<CoachRecords>();
        var (_, secret) = await coaching.CreateInviteAsync(_coach, _organisation, label);
        var (outcome, _) = await coaching.AcceptAsync(secret, id, new CoachShares(true, true, true, true));
        outcome.ShouldBe(AcceptOutcome.Linked);
        return new Client(id, email, label, token);
    }

    /// <summary>The client's routine today, over the API with their token.</summary>
    public async Task<JsonElement> RoutineAsync(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var http = _server.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        using var response = await http.GetAsync(new Uri("/api/v1/me/routine", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Signs someone in through the sign-in page, in this tab.</summary>
    public async Task SignInAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(Url("/account/sign-in"));
        (await AccountSteps.SignInAsync(page, email, Password)).Status.ShouldBe(302);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<Guid> RegisterAsync(HttpClient http, string email)
    {
        using var registered = await http.PostAsync(new Uri("/api/v1/auth/register", UriKind.Relative), Json(new JsonObject { ["email"] = email, ["password"] = Password }));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : Json(body) };
        using var response = await http.SendAsync(request);
        ((int)response.StatusCode).ShouldBeLessThan(300, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
