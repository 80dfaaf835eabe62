using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// The reminders page (/reminders) as a person uses it, and the API that stores what it saves, read with the page's
/// own cookie as the app's scripts call it (X-Limber-Client).
/// </summary>
internal sealed class ReminderPage(BrowserTab tab)
{
    public const string Path = "/reminders";
    private const string ClientHeader = "X-Limber-Client";

    public BrowserTab Tab { get; } = tab;
    public IPage Page => Tab.Page;

    public ILocator TimeZone => Page.GetByRole(AriaRole.Textbox, new() { Name = "Your time zone" });
    public ILocator UseDeviceZone => Page.Locator("#use-device-zone");
    public ILocator ReminderDays => Page.GetByRole(AriaRole.Group, new() { Name = "On these days", Exact = true });
    public ILocator DeskBreaks => Page.GetByRole(AriaRole.Checkbox, new() { Name = "Remind me to take desk breaks" });
    public ILocator BreakMinutes => Page.GetByRole(AriaRole.Spinbutton, new() { Name = "Minutes between breaks" });
    public ILocator WorkStarts => Page.GetByLabel("Work starts", new() { Exact = true });
    public ILocator WorkEnds => Page.GetByLabel("Work ends", new() { Exact = true });
    public ILocator WorkingDays => Page.GetByRole(AriaRole.Group, new() { Name = "Working days", Exact = true });
    public ILocator Save => Page.GetByRole(AriaRole.Button, new() { Name = "Save reminders" });
    public ILocator Pause => Page.GetByRole(AriaRole.Button, new() { Name = "Pause reminders for today" });
    public ILocator Resume => Page.GetByRole(AriaRole.Button, new() { Name = "Resume reminders today" });
    public ILocator ComingUp => Page.GetByRole(AriaRole.Region, new() { Name = "Coming up" });

    /// <summary>
    /// What the last form post said (saved, paused, the calendar address made...), where it happened; after a refused save,
    /// the box around the problems. Either way the page comes back with the focus on it.
    /// </summary>
    public ILocator Message => Page.Locator("#reminders-message");

    public ILocator Errors => Page.Locator("#form-errors");

    public ILocator PushStatus => Page.Locator("#push-status");
    public ILocator TurnOnNotifications => Page.GetByRole(AriaRole.Button, new() { Name = "Turn on notifications in this browser" });

    public ILocator MakeCalendarAddress => Page.GetByRole(AriaRole.Button, new() { Name = "Make my calendar address" });
    public ILocator NewCalendarAddress => Page.GetByRole(AriaRole.Button, new() { Name = "Make a new address" });
    public ILocator TurnFeedOff => Page.GetByRole(AriaRole.Button, new() { Name = "Turn the feed off" });
    public ILocator FeedAddress => Page.GetByRole(AriaRole.Textbox, new() { Name = "Your calendar address" });
    public ILocator CopyAddress => Page.GetByRole(AriaRole.Button, new() { Name = "Copy the address" });
    public ILocator FeedStatus => Page.Locator("#feed-status");

    /// <summary>The n-th reminder time (from 1), and what it is for.</summary>
    public ILocator Time(int n) => Page.GetByLabel($"Time {n}", new() { Exact = true });

    public ILocator For(int n) => Page.GetByLabel($"For time {n}", new() { Exact = true });

    public ILocator QuietFrom(int n) => Page.GetByLabel($"From (quiet time {n})", new() { Exact = true });

    public ILocator QuietUntil(int n) => Page.GetByLabel($"Until (quiet time {n})", new() { Exact = true });

    public static ILocator Day(ILocator days, string name) => days.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    /// <summary>A new person (signed up with consent, nothing else) on the reminders page.</summary>
    public static async Task<ReminderPage> SignUpAsync(BrowserTab tab, string who)
    {
        ArgumentNullException.ThrowIfNull(tab);
        await tab.GoToAsync("/account/sign-up");
        await AccountSteps.SignUpAsync(tab.Page, AccountSteps.NewEmail(who), AccountSteps.Password, consent: true);
        var page = new ReminderPage(tab);
        await page.OpenAsync();
        return page;
    }

    public async Task OpenAsync()
    {
        await Tab.GoToAsync(Path);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reminders");
    }

    /// <summary>Presses a button that posts one of the page's forms and waits for the page to come back.</summary>
    public Task<IResponse> SubmitAsync(ILocator button) => AccountSteps.SubmitAsync(Page, button);

    /// <summary>A routine at 07:30 and a check-in at 20:00 on weekdays, desk breaks every 45 minutes from 09:00 to 17:00, quiet 12:30-13:30.</summary>
    public async Task FillAWorkingWeekAsync()
    {
        await Time(1).FillAsync("07:30");
        await Time(2).FillAsync("20:00");
        await For(2).SelectOptionAsync("checkIn");
        foreach (var weekend in new[] { "Saturday", "Sunday" })
        {
            await Day(ReminderDays, weekend).UncheckAsync();
        }
        await DeskBreaks.CheckAsync();
        await BreakMinutes.FillAsync("45");
        await WorkStarts.FillAsync("09:00");
        await WorkEnds.FillAsync("17:00");
        await QuietFrom(1).FillAsync("12:30");
        await QuietUntil(1).FillAsync("13:30");
    }

    /// <summary>GET /api/v1/me/reminders: the settings, what comes next, the calendar feed and the devices.</summary>
    public async Task<JsonElement> RemindersAsync()
    {
        var response = await Page.APIRequest.GetAsync("/api/v1/me/reminders", new() { Headers = new Dictionary<string, string> { [ClientHeader] = "player" } });
        response.Status.ShouldBe(200, $"GET /api/v1/me/reminders: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    /// <summary>PUT /api/v1/me/reminders with a JSON body, as another of the person's devices would.</summary>
    public async Task PutRemindersAsync(string json)
    {
        var response = await Page.APIRequest.PutAsync("/api/v1/me/reminders", new()
        {
            Headers = new Dictionary<string, string> { [ClientHeader] = "player", ["Content-Type"] = "application/json" },
            Data = json,
        });
        response.Status.ShouldBe(200, $"PUT /api/v1/me/reminders: {await response.TextAsync()}");
    }

    /// <summary>
    /// Turns notifications on for a made-up phone, through the API as the page's script does after the browser subscribes:
    /// a push address at a known push service and a real P-256 key, so the server accepts it.
    /// </summary>
    public async Task AddDeviceAsync(string label)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        var subscription = new
        {
            endpoint = $"https://fcm.googleapis.com/fcm/send/test-{Guid.NewGuid():N}",
            keys = new { p256dh = Base64Url.EncodeToString([0x04, .. point.X!, .. point.Y!]), auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) },
            label,
        };
        var response = await Page.APIRequest.PostAsync("/api/v1/me/push/devices", new()
        {
            Headers = new Dictionary<string, string> { [ClientHeader] = "player", ["Content-Type"] = "application/json" },
            Data = JsonSerializer.Serialize(subscription),
        });
        response.Status.ShouldBe(201, $"POST /api/v1/me/push/devices: {await response.TextAsync()}");
    }

    /// <summary>No part of the page is wider than the screen, and axe finds nothing; a full-page screenshot is saved.</summary>
    public async Task CheckAsync(string state, string view)
    {
        (await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).ShouldBeTrue($"the reminders page ({state}, {view}) scrolls sideways");
        await AccountSteps.ShouldPassAxeAsync(Page, $"the reminders page ({state}, {view})");
        await Page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor($"reminders-{state}-{view}"), FullPage = true });
    }
}
