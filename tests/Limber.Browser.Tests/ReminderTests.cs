using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// Reminders (issue 9) in a real browser: axe-core finds nothing in any state of the page at phone and desktop width in
/// light and dark, the settings form works by keyboard alone, the device's time zone is filled in, the calendar address
/// copies and serves a calendar, turning notifications on fails kindly where the browser has no push service, and the
/// service worker shows a pushed reminder as a notification.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class ReminderTests(LimberSite site)
{
    private const string NewYork = "America/New_York";

    public static TheoryData<string, ColorScheme> Views() => new()
    {
        { "phone", ColorScheme.Light },
        { "phone", ColorScheme.Dark },
        { "desktop", ColorScheme.Light },
        { "desktop", ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_nothing_on_the_reminders_page_empty_with_errors_saved_paused_with_a_calendar_feed_and_a_browser(string screen, ColorScheme scheme)
    {
        var size = Screen.Named(screen);
        await using var tab = await site.NewTabAsync(size, scheme);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-axe");
        var view = $"{size.Width}-{scheme.ToString().ToLowerInvariant()}";
        await reminders.CheckAsync("empty", view);

        // A bad submit: every problem at the top, each at its field.
        await reminders.TimeZone.FillAsync("Mars/Olympus_Mons");
        await reminders.QuietFrom(1).FillAsync("12:30");
        await reminders.DeskBreaks.CheckAsync();
        (await reminders.SubmitAsync(reminders.Save)).Status.ShouldBe(400);
        await Expect(reminders.Errors).ToBeVisibleAsync();
        await reminders.CheckAsync("errors", view);

        await reminders.TimeZone.FillAsync("Europe/Berlin");
        await reminders.FillAWorkingWeekAsync();
        (await reminders.SubmitAsync(reminders.Save)).Status.ShouldBe(200);
        await Expect(reminders.Message).ToContainTextAsync("Saved.");
        await Expect(reminders.ComingUp.GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await reminders.CheckAsync("saved", view);

        await reminders.SubmitAsync(reminders.Pause);
        await Expect(reminders.Message).ToHaveTextAsync("Reminders are paused for the rest of today. They start again tomorrow.");
        await Expect(reminders.Resume).ToBeVisibleAsync();
        await reminders.CheckAsync("paused", view);

        await reminders.SubmitAsync(reminders.MakeCalendarAddress);
        await Expect(reminders.FeedAddress).ToHaveValueAsync(new Regex("/calendar/.+\\.ics$"));
        await reminders.CheckAsync("calendar", view);

        // A browser with notifications on (added as a phone would), listed with its "turn off" button.
        await reminders.AddDeviceAsync("Chrome on Android");
        await reminders.OpenAsync();
        await Expect(reminders.Page.GetByRole(AriaRole.Button, new() { Name = "Turn off notifications for Chrome on Android" })).ToBeVisibleAsync();
        await reminders.CheckAsync("devices", view);
        await reminders.SubmitAsync(reminders.Page.GetByRole(AriaRole.Button, new() { Name = "Turn off notifications for Chrome on Android" }));
        await Expect(reminders.Message).ToHaveTextAsync("Notifications are off for that browser.");
        await Expect(reminders.Page.Locator(".reminders-notify #reminders-message")).ToBeVisibleAsync();

        tab.RequestedUrls.Where(url => new Uri(url).GetLeftPart(UriPartial.Authority) != Origin).ShouldBeEmpty("no request leaves the site");
    }

    [Fact]
    public async Task By_keyboard_alone_a_person_sets_times_days_and_desk_breaks_saves_and_hears_that_it_is_saved()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-keys");
        var page = reminders.Page;

        // A time field takes the digits (and AM or PM where the browser shows a 12-hour clock) from the keyboard.
        await AccountSteps.TabToAsync(page, reminders.Time(1), most: 100);
        await page.Keyboard.TypeAsync("0730A");
        await Expect(reminders.Time(1)).ToHaveValueAsync("07:30");
        await AccountSteps.TabToAsync(page, reminders.Time(2));
        await page.Keyboard.TypeAsync("0800P");
        await Expect(reminders.Time(2)).ToHaveValueAsync("20:00");
        await AccountSteps.TabToAsync(page, reminders.For(2));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(reminders.For(2)).ToHaveValueAsync("checkIn");

        // Every day comes ticked; Space unticks the weekend.
        foreach (var weekend in new[] { "Saturday", "Sunday" })
        {
            var day = ReminderPage.Day(reminders.ReminderDays, weekend);
            await AccountSteps.TabToAsync(page, day);
            await page.Keyboard.PressAsync("Space");
            await Expect(day).Not.ToBeCheckedAsync();
        }

        await AccountSteps.TabToAsync(page, reminders.DeskBreaks);
        await page.Keyboard.PressAsync("Space");
        await Expect(reminders.DeskBreaks).ToBeCheckedAsync();
        await AccountSteps.TabToAsync(page, reminders.WorkStarts);
        await page.Keyboard.TypeAsync("0900A");
        await AccountSteps.TabToAsync(page, reminders.WorkEnds);
        await page.Keyboard.TypeAsync("0500P");
        await Expect(reminders.WorkEnds).ToHaveValueAsync("17:00");

        await AccountSteps.TabToAsync(page, reminders.Save);
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(200);

        // The page comes back with the news in a status message that has the focus, so a screen reader reads it first.
        var saved = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." });
        await Expect(saved).ToHaveTextAsync("Saved. Your reminders follow these settings from now on.");
        await Expect(reminders.Message).ToBeFocusedAsync();
        await Expect(reminders.ComingUp.GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();

        var settings = (await reminders.RemindersAsync()).GetProperty("settings");
        settings.GetProperty("daily").EnumerateArray().Select(d => $"{d.GetProperty("at").GetString()} {d.GetProperty("kind").GetString()}")
            .ShouldBe(["07:30 routine", "20:00 checkIn"]);
        Strings(settings.GetProperty("days")).ShouldBe(["monday", "tuesday", "wednesday", "thursday", "friday"], ignoreOrder: true);
        var breaks = settings.GetProperty("deskBreaks");
        breaks.GetProperty("everyMinutes").GetInt32().ShouldBe(45, "the suggested interval, kept");
        breaks.GetProperty("workFrom").GetString().ShouldBe("09:00");
        breaks.GetProperty("workTo").GetString().ShouldBe("17:00");
        Strings(breaks.GetProperty("days")).ShouldBe(["monday", "tuesday", "wednesday", "thursday", "friday"], ignoreOrder: true);

        // From the message, the next Tab reaches the pause button; Enter pauses, and that news takes the focus too.
        await page.Keyboard.PressAsync("Tab");
        await Expect(reminders.Pause).ToBeFocusedAsync();
        await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"));
        await Expect(reminders.Message).ToHaveTextAsync("Reminders are paused for the rest of today. They start again tomorrow.");
        await Expect(reminders.Message).ToBeFocusedAsync();
        (await reminders.RemindersAsync()).GetProperty("settings").GetProperty("pausedOn").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task The_error_summary_takes_the_focus_and_each_link_puts_the_focus_in_its_field()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-errors");
        var page = reminders.Page;
        await reminders.Time(1).FillAsync("07:30");
        await reminders.Time(2).FillAsync("07:30");
        foreach (var box in await reminders.ReminderDays.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await box.UncheckAsync();
        }
        (await reminders.SubmitAsync(reminders.Save)).Status.ShouldBe(400);

        await Expect(reminders.Errors).ToHaveAttributeAsync("role", "alert");
        await Expect(reminders.Message).ToBeFocusedAsync();
        (await reminders.Message.EvaluateAsync<bool>("m => m.contains(document.getElementById('form-errors'))")).ShouldBeTrue("the focus is on the problems");
        var links = reminders.Errors.GetByRole(AriaRole.Link);
        await Expect(links).ToHaveTextAsync(["07:30 is already a reminder time.", "Choose at least one day for the reminders, or remove the reminder times."]);

        // Each problem is also at its field, which says it is invalid and points at the message.
        await Expect(reminders.Time(2)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(reminders.Time(2)).ToHaveAttributeAsync("aria-describedby", "daily[1].at-error");
        await Expect(page.Locator("[id='daily[1].at-error']")).ToHaveTextAsync("07:30 is already a reminder time.");
        await Expect(reminders.ReminderDays).ToHaveAttributeAsync("aria-describedby", "days-hint days-error");

        await page.Keyboard.PressAsync("Tab");
        await Expect(links.Nth(0)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(reminders.Time(2)).ToBeFocusedAsync();

        await links.Nth(1).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(ReminderPage.Day(reminders.ReminderDays, "Monday")).ToBeFocusedAsync();

        // Fixed by keyboard: Space ticks Monday, and the second time becomes a check-in at 20:00.
        await page.Keyboard.PressAsync("Space");
        await reminders.Time(2).FillAsync("20:00");
        (await reminders.SubmitAsync(reminders.Save)).Status.ShouldBe(200);
        await Expect(reminders.Errors).ToHaveCountAsync(0);
        Strings((await reminders.RemindersAsync()).GetProperty("settings").GetProperty("days")).ShouldBe(["monday"]);
    }

    [Fact]
    public async Task The_device_time_zone_is_filled_in_for_a_new_person_saved_with_the_times_and_offered_when_it_differs()
    {
        await using var tab = await site.NewTabAsync(Screen.Desktop, timeZone: NewYork);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-zone");
        (await reminders.Page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone")).ShouldBe(NewYork);

        await Expect(reminders.TimeZone).ToHaveValueAsync(NewYork);
        await Expect(reminders.Page.Locator("#timeZone-hint")).ToContainTextAsync("Filled in from this device.");
        await Expect(reminders.UseDeviceZone).ToBeHiddenAsync();

        // A refused save keeps what the person typed, rather than filling in the device's zone again.
        await reminders.TimeZone.FillAsync("Europe/Lisbon");
        await reminders.Time(1).FillAsync("07:30");
        await reminders.Time(2).FillAsync("07:30");
        (await reminders.SubmitAsync(reminders.Save)).Status.ShouldBe(400);
        await Expect(reminders.TimeZone).ToHaveValueAsync("Europe/Lisbon");
        await Expect(reminders.UseDeviceZone).ToHaveTextAsync("Use this device's time zone (America/New_York)");
        await reminders.UseDeviceZone.ClickAsync();
        await reminders.Time(2).FillAsync("");

        await reminders.SubmitAsync(reminders.Save);
        await Expect(reminders.Message).ToContainTextAsync("Saved.");
        await Expect(reminders.TimeZone).ToHaveValueAsync(NewYork);
        await Expect(reminders.ComingUp).ToContainTextAsync("Times in America/New_York.");

        var stored = await reminders.RemindersAsync();
        stored.GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe(NewYork);
        var next = stored.GetProperty("next")[0];
        next.GetProperty("localTime").GetString().ShouldBe("07:30");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        TimeZoneInfo.ConvertTime(next.GetProperty("dueAt").GetDateTimeOffset(), newYork).TimeOfDay.ShouldBe(new TimeSpan(7, 30, 0), "07:30 in New York");

        // Saved from a device in Berlin: the page keeps what is saved, and offers this device's zone instead of forcing it.
        await reminders.PutRemindersAsync("""{"timeZone":"Europe/Berlin","daily":[{"at":"07:30","kind":"routine"}],"days":["monday"]}""");
        await reminders.OpenAsync();
        await Expect(reminders.TimeZone).ToHaveValueAsync("Europe/Berlin");
        await Expect(reminders.UseDeviceZone).ToHaveTextAsync("Use this device's time zone (America/New_York)");
        await reminders.UseDeviceZone.ClickAsync();
        await Expect(reminders.TimeZone).ToHaveValueAsync(NewYork);
        await Expect(reminders.TimeZone).ToBeFocusedAsync();
        await Expect(reminders.Page.Locator("#timeZone-hint")).ToContainTextAsync("Filled in from this device. Save to use it.");
        await Expect(reminders.UseDeviceZone).ToBeHiddenAsync();
        await reminders.SubmitAsync(reminders.Save);
        (await reminders.RemindersAsync()).GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe(NewYork);
    }

    [Fact]
    public async Task The_calendar_address_copies_serves_a_calendar_and_stops_working_when_renewed_or_turned_off()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-calendar");
        var page = reminders.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Origin });
        await reminders.Time(1).FillAsync("07:30");
        await reminders.SubmitAsync(reminders.Save);

        await reminders.SubmitAsync(reminders.MakeCalendarAddress);
        await Expect(reminders.Message).ToHaveTextAsync("Here is your calendar address. Add it to your calendar app as described below.");
        await Expect(reminders.Message).ToBeFocusedAsync();
        var address = await reminders.FeedAddress.InputValueAsync();
        address.ShouldStartWith(Origin + "/calendar/");
        address.ShouldEndWith(".ics");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open in your calendar app" }))
            .ToHaveAttributeAsync("href", "webcal://" + address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..]);

        await reminders.CopyAddress.ClickAsync();
        await Expect(reminders.FeedStatus).ToHaveTextAsync("Copied. Paste the address into your calendar app.");
        await Expect(reminders.FeedStatus).ToHaveAttributeAsync("role", "status");
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldBe(address);

        var feed = await page.APIRequest.GetAsync(address);
        feed.Status.ShouldBe(200);
        feed.Headers["content-type"].ShouldStartWith("text/calendar");
        var calendar = await feed.TextAsync();
        calendar.ShouldStartWith("BEGIN:VCALENDAR");
        calendar.ShouldContain("BEGIN:VEVENT");

        await reminders.SubmitAsync(reminders.NewCalendarAddress);
        await Expect(reminders.Message).ToContainTextAsync("Here is your new calendar address. The old one no longer works");
        var renewed = await reminders.FeedAddress.InputValueAsync();
        renewed.ShouldNotBe(address);
        (await page.APIRequest.GetAsync(address)).Status.ShouldBe(404, "the old address stops at once");
        (await page.APIRequest.GetAsync(renewed)).Status.ShouldBe(200);

        await reminders.SubmitAsync(reminders.TurnFeedOff);
        await Expect(reminders.Message).ToContainTextAsync("The calendar feed is off");
        await Expect(reminders.FeedAddress).ToHaveCountAsync(0);
        await Expect(reminders.MakeCalendarAddress).ToBeVisibleAsync();
        (await page.APIRequest.GetAsync(renewed)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Turning_notifications_on_where_the_browser_cannot_says_so_kindly_and_the_page_carries_on()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-push-off");
        var page = reminders.Page;
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await Expect(reminders.PushStatus).ToHaveAttributeAsync("role", "status");

        // No permission: the browser says no (headless Chromium denies without asking).
        await reminders.TurnOnNotifications.ClickAsync();
        await Expect(reminders.PushStatus).ToHaveTextAsync(
            "This browser did not allow notifications. You can allow them for Limber in the browser's site settings, or use the calendar feed below.");
        await Expect(reminders.TurnOnNotifications).ToBeEnabledAsync();

        // Permission given, but the browser has no push service to subscribe with (Playwright's contexts are private
        // windows, where Chrome offers no push at all): the subscription fails at once.
        await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = Origin });
        await reminders.TurnOnNotifications.ClickAsync();
        await Expect(reminders.PushStatus).ToHaveTextAsync(
            "This browser could not turn notifications on. Private windows and some browsers do not offer them, and the connection may be down. You can try again later, or use the calendar feed below.");
        await Expect(reminders.TurnOnNotifications).ToBeEnabledAsync();
        await Expect(reminders.TurnOnNotifications).ToBeVisibleAsync();
        (await reminders.RemindersAsync()).GetProperty("devices").GetArrayLength().ShouldBe(0, "nothing half-made is stored");
        errors.ShouldBeEmpty("no script error on the page");
        await reminders.CheckAsync("push-refused", "360-light");

        // The rest of the page still works.
        await reminders.Time(1).FillAsync("08:00");
        await reminders.SubmitAsync(reminders.Save);
        await Expect(reminders.Message).ToContainTextAsync("Saved.");
    }

    /// <summary>
    /// The push message arrives through Chrome DevTools (ServiceWorker.deliverPushMessage), as a push service would deliver
    /// it. Tapping the notification cannot be tested: neither DevTools nor Playwright can click one (microsoft/playwright#23954,
    /// puppeteer/puppeteer#3461), and a notificationclick dispatched by script is untrusted, so the browser refuses the
    /// clients.openWindow() and focus() it calls.
    /// </summary>
    [Fact]
    public async Task The_service_worker_shows_a_pushed_reminder_once_per_tag_and_opens_only_pages_of_Limber()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-sw");
        var page = reminders.Page;
        await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = Origin });

        // The page registers /sw.js when notifications are turned on; here the test does it, as the push service cannot be reached.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var scope = Origin + "/";
        var registered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray())
            {
                if (r.GetProperty("scopeURL").GetString() == scope && !r.GetProperty("isDeleted").GetBoolean())
                {
                    registered.TrySetResult(r.GetProperty("registrationId").GetString()!);
                }
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.register('/sw.js', { scope: '/' }); await navigator.serviceWorker.ready; }");
        // A guard against a hang, not a measure: CDP reports the registration as soon as it exists.
        var registrationId = await registered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Task PushAsync(string data) => cdp.SendAsync("ServiceWorker.deliverPushMessage", new()
        {
            ["origin"] = scope,
            ["registrationId"] = registrationId,
            ["data"] = data,
        });

        // Exactly what the server sends for a routine reminder.
        var id = Guid.NewGuid();
        var payload = System.Text.Encoding.UTF8.GetString(
            Limber.Web.Reminders.ReminderMessages.Payload(id, Limber.Domain.Reminders.ReminderKind.Routine, DateTimeOffset.UtcNow));
        var tag = $"limber-routine-{id:N}";
        await PushAsync(payload);
        var shown = await NotificationsAsync(page, tag, count: 1);
        shown[0].GetProperty("title").GetString().ShouldBe("Time for today's routine");
        shown[0].GetProperty("body").GetString().ShouldBe("Your Limber routine is ready when you are.");
        shown[0].GetProperty("url").GetString().ShouldBe("/today/play");

        // The same reminder delivered twice shows once.
        await PushAsync(payload);
        await PushAsync("""{"title":"Time to check in","body":"b","url":"/checkin","tag":"limber-checkIn-second"}""");
        await NotificationsAsync(page, "limber-checkIn-second", count: 1);
        (await NotificationsAsync(page, tag, count: 1)).Length.ShouldBe(1);

        // A notification only ever opens Limber: another site's address, however written, becomes Today.
        foreach (var (url, i) in new[] { "https://elsewhere.example/x", "//elsewhere.example/x", "/\\elsewhere.example/x", "javascript:alert(1)" }.Select((u, i) => (u, i)))
        {
            await PushAsync(JsonSerializer.Serialize(new { title = "t", body = "b", url, tag = $"limber-odd-{i}" }));
            (await NotificationsAsync(page, $"limber-odd-{i}", count: 1))[0].GetProperty("url").GetString().ShouldBe("/today", url);
        }

        // Not JSON at all: still a notification from Limber, never a silent push (browsers punish those).
        await PushAsync("not json");
        var plain = await NotificationsAsync(page, "limber-reminder", count: 1);
        plain[0].GetProperty("title").GetString().ShouldBe("Limber");
        plain[0].GetProperty("url").GetString().ShouldBe("/today");

        tab.RequestedUrls.Where(url => new Uri(url).GetLeftPart(UriPartial.Authority) != Origin).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_JavaScript_the_forms_work_and_the_buttons_that_need_a_script_stay_hidden()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, javaScript: false);
        await tab.GoToAsync("/account/sign-up");
        await AccountSteps.SignUpAsync(tab.Page, AccountSteps.NewEmail("reminders-noscript"), AccountSteps.Password, consent: true);
        var reminders = new ReminderPage(tab);
        await reminders.OpenAsync();
        var page = reminders.Page;

        await Expect(reminders.UseDeviceZone).ToBeHiddenAsync();
        await Expect(page.Locator("#push-controls")).ToBeHiddenAsync();
        await Expect(page.Locator("#push-disable")).ToBeHiddenAsync();
        // (A <noscript> note says why; Playwright turns scripts off after parsing, so Chromium does not show it here.)

        await reminders.TimeZone.FillAsync("Lisbon");
        (await reminders.SubmitAsync(reminders.Save)).Status.ShouldBe(400);
        await Expect(reminders.Errors).ToContainTextAsync("\"Lisbon\" is not a time zone Limber knows.");
        await Expect(page.Locator("#reminders-message")).ToBeFocusedAsync();

        await reminders.TimeZone.FillAsync("Europe/Lisbon");
        await reminders.Time(1).FillAsync("07:30");
        // Rows beyond the first ones wait behind a summary that opens without a script.
        await page.GetByText("More reminder times").ClickAsync();
        await reminders.Time(5).FillAsync("21:00");
        await reminders.SubmitAsync(reminders.Save);
        // The form posts to #reminders-message, so the browser itself takes the focus to what happened.
        await Expect(reminders.Message).ToContainTextAsync("Saved.");
        await Expect(reminders.Message).ToBeFocusedAsync();
        await Expect(reminders.Time(2)).ToHaveValueAsync("21:00");

        await reminders.SubmitAsync(reminders.MakeCalendarAddress);
        await Expect(reminders.FeedAddress).ToHaveValueAsync(new Regex("\\.ics$"));
        await Expect(reminders.CopyAddress).ToBeHiddenAsync();
        var settings = (await reminders.RemindersAsync()).GetProperty("settings");
        settings.GetProperty("timeZone").GetString().ShouldBe("Europe/Lisbon");
        settings.GetProperty("daily").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Nothing_moves_on_the_reminders_page_for_a_person_who_asked_for_reduced_motion()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, motion: ReducedMotion.Reduce);
        var reminders = await ReminderPage.SignUpAsync(tab, "reminders-motion");
        await reminders.Page.GetByText("More reminder times").ClickAsync();
        var moving = await reminders.Page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('*')]
                .filter(e => {
                    const s = getComputedStyle(e);
                    return s.transitionDuration.split(',').some(d => parseFloat(d) > 0) || s.animationName !== 'none';
                })
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''))
            """);
        moving.ShouldBeEmpty();
    }

    private string Origin => site.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>
    /// Waits until the service worker's registration shows <paramref name="count"/> notifications with <paramref name="tag"/>,
    /// then returns them as title, body, tag and the page they open. The page polls (Playwright's waitForFunction does not
    /// await an async condition: microsoft/playwright#29132); after 30 seconds it returns what there is, for the assertion to name.
    /// </summary>
    private static async Task<JsonElement[]> NotificationsAsync(IPage page, string tag, int count)
    {
        var list = await page.EvaluateAsync<JsonElement>(
            """
            async ([tag, count]) => {
                const registration = await navigator.serviceWorker.ready;
                const read = async () => (await registration.getNotifications({ tag }))
                    .map(n => ({ title: n.title, body: n.body, tag: n.tag, url: n.data?.url ?? null }));
                for (let polls = 0; polls < 600; polls++) {
                    const shown = await read();
                    if (shown.length === count) return shown;
                    await new Promise(resolve => setTimeout(resolve, 50));
                }
                return read();
            }
            """,
            new object[] { tag, count });
        var shown = list.EnumerateArray().ToArray();
        shown.Length.ShouldBe(count, $"notifications tagged {tag}");
        return shown;
    }
}
