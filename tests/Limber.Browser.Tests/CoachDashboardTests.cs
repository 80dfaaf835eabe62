using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;
using Limber.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// The coach dashboard and a client's page (issue 10) in a real browser, with real data: clients signed up, onboarded,
/// screened, checked in and with sessions sent through the API, linked to a coach through <see cref="CoachRecords"/> in
/// the server's services (as the operator's command and an accepted invitation do). axe-core finds nothing at phone and
/// desktop width in light and dark, nothing scrolls sideways, and both pages work by keyboard alone.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class CoachDashboardTests(LimberSite site, CoachedClients world) : IClassFixture<CoachedClients>
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
    public async Task Axe_finds_nothing_on_the_dashboard_and_a_clients_page(string screen, ColorScheme scheme)
    {
        var size = Screen.Named(screen);
        await using var tab = await site.NewTabAsync(size, scheme, motion: ReducedMotion.Reduce);
        await world.SignInAsync(tab.Page);
        var view = $"{size.Width}-{scheme.ToString().ToLowerInvariant()}";

        await GoAsync(tab.Page, world.Url("/coach"));
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your clients");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Priya (desk worker)" })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText("Warning signs: told to see a doctor within 24–48 hours; not yet confirmed seen")).ToBeVisibleAsync();
        await CheckAsync(tab.Page, $"coach-dashboard-{view}", "the dashboard");

        await GoAsync(tab.Page, world.Url($"/coach/clients/{world.Jo:D}"));
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jo, Tuesday class");
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Progress", Exact = true })).ToBeVisibleAsync();
        // The tables behind the charts, open, so axe checks them too.
        foreach (var summary in await tab.Page.Locator("details > summary").AllAsync())
        {
            await summary.ClickAsync();
        }
        await CheckAsync(tab.Page, $"coach-client-{view}", "a client's page");

        await GoAsync(tab.Page, world.Url($"/coach/clients/{world.Tom:D}"));
        await Expect(tab.Page.GetByText("Not shared by your client.").First).ToBeVisibleAsync();
        await CheckAsync(tab.Page, $"coach-client-nothing-shared-{view}", "a client's page that shares nothing");
    }

    [Fact]
    public async Task By_keyboard_alone_a_coach_opens_a_client_and_reaches_the_tables_and_the_download()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var page = tab.Page;
        await world.SignInAsync(page);
        await GoAsync(page, world.Url("/coach"));

        var jo = page.GetByRole(AriaRole.Link, new() { Name = "Jo, Tuesday class" });
        await AccountSteps.TabToAsync(page, jo, most: 40);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jo, Tuesday class");

        var table = page.Locator("summary", new() { HasText = "Pain as a table" });
        await AccountSteps.TabToAsync(page, table, most: 40);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Pain each day, 0 to 10" })).ToBeVisibleAsync();

        var download = page.GetByRole(AriaRole.Link, new() { Name = "Download what they share as a FHIR R4 file (JSON)" });
        await AccountSteps.TabToAsync(page, download, most: 80);
        var file = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        file.SuggestedFilename.ShouldStartWith("limber-client-");
        var bundle = await File.ReadAllTextAsync(await file.PathAsync());
        bundle.ShouldContain("72514-3");

        var back = page.GetByRole(AriaRole.Link, new() { Name = "Your clients" }).First;
        await Expect(back).ToBeVisibleAsync();
        tab.RequestedUrls.Where(url => !url.StartsWith(world.Url("/"), StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
            .ShouldBeEmpty("no request leaves the site");
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
/// A server of its own (the shared site's services are not reachable from here), with a coach and four clients: Jo
/// shares everything and has a week of check-ins and sessions, one of them stopped; Priya has an urgent screen; Dana has a
/// dose made easier; Tom shares nothing.
/// </summary>
public sealed class CoachedClients : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly LimberServer _server = new();

    public string CoachEmail { get; } = $"coach-{Guid.NewGuid():N}@example.org";

    public Guid Jo { get; private set; }

    public Guid Tom { get; private set; }

    public string Url(string path) => _server.Url(path);

    public async Task InitializeAsync()
    {
        using var http = _server.CreateHttpClient();
        var coachId = await RegisterAsync(http, CoachEmail);
        await using var scope = _server.Services.CreateAsyncScope();
        var coaching = scope.ServiceProvider.GetRequiredService<CoachRecords>();
        var organisation = await coaching.CreateOrganisationAsync($"Back in Motion {Guid.NewGuid():N}"[..24], coachId, "Sam Patel, physiotherapist")
            ?? throw new InvalidOperationException("The organisation was not made.");

        async Task<Guid> LinkAsync(Guid clientId, string label, CoachShares shares)
        {
            var (_, secret) = await coaching.CreateInviteAsync(coachId, organisation.Id, label);
            var (outcome, link) = await coaching.AcceptAsync(secret, clientId, shares);
            outcome.ShouldBe(AcceptOutcome.Linked);
            return link!.PersonId;
        }

        using (var jo = await ClientAsync("jo"))
        {
            var today = await TodayAsync(jo);
            var pains = new[] { 6, 5, 5, 4, 4, 3, 3, 3 };
            for (var back = 7; back >= 0; back--)
            {
                await SendAsync(jo, HttpMethod.Post, "/api/v1/me/checkins", new JsonObject
                {
                    ["date"] = Day(today.AddDays(-back)), ["painNow"] = pains[7 - back], ["stiffness"] = 4, ["morningStiffnessMinutes"] = 20,
                    ["legSymptoms"] = false, ["numbness"] = false, ["bladderOrBowelChange"] = false, ["whatHelped"] = new JsonArray("walk"),
                });
            }
            var routine = await RoutineAsync(jo);
            foreach (var back in new[] { 6, 4, 3, 1 })
            {
                await SessionAsync(jo, routine, today.AddDays(-back));
            }
            await SessionAsync(jo, routine, today, stops: new JsonArray(new JsonObject
            {
                ["exerciseId"] = routine.GetProperty("items")[0].GetProperty("exerciseId").GetString(),
                ["symptom"] = "sharpPain", ["at"] = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O"),
            }));
            Jo = await LinkAsync(jo.Id, "Jo, Tuesday class", new CoachShares(true, true, true, true));
            // Jo has followed the program with this coach for ten days (the API takes dates only so far back).
            var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();
            foreach (var program in await db.Programs.Where(p => p.PersonId == jo.Id).ToListAsync())
            {
                program.StartedOn = program.StartedOn.AddDays(-10);
            }
            foreach (var link in await db.CoachLinks.Where(l => l.PersonId == jo.Id).ToListAsync())
            {
                link.StartedAt = link.StartedAt.AddDays(-10);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        using (var priya = await ClientAsync("priya"))
        {
            await SendAsync(priya, HttpMethod.Post, "/api/v1/me/screens", Screen(yes: "cancer_history"));
            await LinkAsync(priya.Id, "Priya (desk worker)", new CoachShares(true, false, true, false));
        }

        using (var dana = await ClientAsync("dana"))
        {
            var routine = await RoutineAsync(dana);
            await SessionAsync(dana, routine, await TodayAsync(dana), worstPain: 7, firstOnly: true);
            await LinkAsync(dana.Id, "Dana, runner", new CoachShares(true, true, true, true));
        }

        using (var tom = await ClientAsync("tom"))
        {
            Tom = await LinkAsync(tom.Id, "Tom", CoachShares.None);
        }
    }

    /// <summary>Signs the coach in through the sign-in page, in this tab.</summary>
    public async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(Url("/account/sign-in"));
        (await AccountSteps.SignInAsync(page, CoachEmail, Password)).Status.ShouldBe(302);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed class Client(HttpClient http, Guid id) : IDisposable
    {
        public HttpClient Http { get; } = http;

        public Guid Id { get; } = id;

        public void Dispose() => Http.Dispose();
    }

    private static async Task<Guid> RegisterAsync(HttpClient http, string email)
    {
        var registered = await http.PostAsync(new Uri("/api/v1/auth/register", UriKind.Relative), Json(new JsonObject { ["email"] = email, ["password"] = Password }));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A client signed up, signed in, with consent, onboarding answered (baseline pain 4) and a screen with no warning signs.</summary>
    private async Task<Client> ClientAsync(string who)
    {
        var http = _server.CreateHttpClient();
        var email = $"{who}-{Guid.NewGuid():N}@example.org";
        var id = await RegisterAsync(http, email);
        var tokens = await http.PostAsync(new Uri("/api/v1/auth/login", UriKind.Relative), Json(new JsonObject { ["email"] = email, ["password"] = Password }));
        var token = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var client = new Client(http, id);
        await SendAsync(client, HttpMethod.Post, "/api/v1/me/consents/health-data", null);
        await SendAsync(client, HttpMethod.Put, "/api/v1/me/profile", new JsonObject
        {
            ["tightAreas"] = new JsonArray("lowerBack", "hipFront"),
            ["triggers"] = new JsonArray("onWaking", "afterSitting"),
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
        await SendAsync(client, HttpMethod.Post, "/api/v1/me/screens", Screen());
        return client;
    }

    private static JsonObject Screen(string? yes = null)
    {
        var answers = new JsonObject();
        foreach (var item in WarningSignScreen.Items)
        {
            answers[item.Id] = item.Id == yes ? "yes" : "no";
        }
        return new JsonObject { ["age"] = 44, ["firstEpisode"] = false, ["answers"] = answers };
    }

    private static async Task<DateOnly> TodayAsync(Client client) =>
        DateOnly.ParseExact((await RoutineAsync(client)).GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> RoutineAsync(Client client)
    {
        var response = await client.Http.GetAsync(new Uri("/api/v1/me/routine", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task SessionAsync(Client client, JsonElement routine, DateOnly date, int worstPain = 1, bool firstOnly = false, JsonArray? stops = null)
    {
        var exercises = new JsonArray();
        foreach (var item in routine.GetProperty("items").EnumerateArray().Take(firstOnly ? 1 : int.MaxValue))
        {
            exercises.Add(new JsonObject
            {
                ["exerciseId"] = item.GetProperty("exerciseId").GetString(), ["completed"] = true, ["feedback"] = "aboutRight", ["worstPain"] = worstPain,
            });
        }
        var started = DateTimeOffset.UtcNow.AddMinutes(-20);
        var body = new JsonObject
        {
            ["date"] = Day(date), ["startedAt"] = started.ToString("O"), ["finishedAt"] = started.AddMinutes(12).ToString("O"),
            ["painBefore"] = 3, ["worstPain"] = worstPain, ["exercises"] = exercises,
        };
        if (stops is not null)
        {
            body["stops"] = stops;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/me/sessions", UriKind.Relative)) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task SendAsync(Client client, HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : Json(body) };
        using var response = await client.Http.SendAsync(request);
        ((int)response.StatusCode).ShouldBeLessThan(300, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
