using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Reminders;

/// <summary>
/// The reminders page as a browser without JavaScript uses it: every form (settings, pause and resume, the calendar
/// address, turning a browser off) posts and comes back as a page. What was stored is read back over the API as the
/// same person.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class ReminderPageTests(AccountServer server) : IDisposable
{
    private const string Page = "/reminders";
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    /// <summary>A browser signed in through the pages, and an API client signed in as the same person.</summary>
    internal sealed record Visitor(HttpClient Browser, HttpClient Api);

    internal static async Task<Visitor> SignedUpAsync(NoScriptBrowsers browsers, bool consent = false, bool profile = false)
    {
        ArgumentNullException.ThrowIfNull(browsers);
        var (browser, api) = await browsers.SignedUpAsync("reminders-page", consent);
        if (profile)
        {
            await NoScriptBrowsers.OnboardAsync(api, screen: false);
        }
        return new Visitor(browser, api);
    }

    internal static async Task<JsonElement> StoredAsync(Visitor visitor)
    {
        var answer = await AccountApi.GetAsync(visitor.Api, ReminderApiTests.Reminders);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return answer.Json;
    }

    internal static Task<(HttpStatusCode Status, string Html)> GetAsync(Visitor visitor) => NoScriptBrowsers.GetAsync(visitor.Browser, Page);

    internal static Task<(HttpStatusCode Status, string Html)> PostAsync(
        Visitor visitor, string handler, string page, IEnumerable<KeyValuePair<string, string>>? fields = null) =>
        NoScriptBrowsers.PostAsync(visitor.Browser, Page, handler, page, fields ?? []);

    internal static string MainOf(string html)
    {
        var main = Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline);
        main.Success.ShouldBeTrue("the page has a main element");
        return WebUtility.HtmlDecode(main.Groups[1].Value);
    }

    /// <summary>Whether the page has the form posted under <paramref name="handler"/> (its hidden _handler field).</summary>
    internal static bool HasForm(string html, string handler) =>
        Regex.IsMatch(html, $"<input[^>]*name=\"_handler\"[^>]*value=\"{Regex.Escape(handler)}\"");

    /// <summary>The value of the input with this id, as rendered (null when it has none).</summary>
    internal static string? ValueOf(string html, string id)
    {
        var input = Regex.Match(html, $"<input[^>]*\\sid=\"{Regex.Escape(id)}\"[^>]*>");
        input.Success.ShouldBeTrue($"the page has an input {id}");
        var value = Regex.Match(input.Value, "\\svalue=\"([^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    private static bool IsChecked(string html, string name, string value) =>
        Regex.IsMatch(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"{Regex.Escape(value)}\"[^>]*\\schecked");

    /// <summary>The reminders listed under "Coming up".</summary>
    private static List<string> ComingUp(string html)
    {
        var section = Regex.Match(html, "<section aria-labelledby=\"next-heading\".*?</section>", RegexOptions.Singleline);
        section.Success.ShouldBeTrue("the page has a coming-up section");
        return [.. Regex.Matches(section.Value, "<li>(.*?)</li>", RegexOptions.Singleline).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", ""))];
    }

    /// <summary>
    /// A routine at 07:30 and a check-in at 18:00 every day, desk breaks hourly in working hours on weekdays, quiet
    /// at night (past midnight) and over lunch.
    /// </summary>
    private static List<KeyValuePair<string, string>> Settings() =>
    [
        new("timeZone", "Europe/Berlin"),
        new("daily[0].at", "07:30"), new("daily[0].kind", "routine"),
        new("daily[1].at", "18:00"), new("daily[1].kind", "checkIn"),
        // An empty row is no reminder.
        new("daily[2].at", ""), new("daily[2].kind", "routine"),
        .. new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => new KeyValuePair<string, string>("days", d)),
        new("deskBreaks", "on"),
        new("deskBreaks.everyMinutes", "60"),
        new("deskBreaks.workFrom", "09:00"),
        new("deskBreaks.workTo", "17:00"),
        .. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new KeyValuePair<string, string>("deskBreaks.days", d)),
        new("quietTimes[0].from", "22:00"), new("quietTimes[0].to", "07:00"),
        new("quietTimes[1].from", "12:00"), new("quietTimes[1].to", "13:00"),
    ];

    private static List<KeyValuePair<string, string>> With(params (string Field, string Value)[] changes)
    {
        var fields = Settings();
        foreach (var (field, value) in changes)
        {
            fields.RemoveAll(f => f.Key == field);
            fields.Add(new(field, value));
        }
        return fields;
    }

    /// <summary>The error summary links to the field, the field shows its message and points to it.</summary>
    private static void FieldErrorIsShown(string main, string field)
    {
        var summary = Regex.Match(main, "<div class=\"alert\" role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        summary.Success.ShouldBeTrue("an error summary");
        summary.Groups[1].Value.ShouldContain($"href=\"reminders#{field}\"");
        main.ShouldContain($"<p class=\"field-error\" id=\"{field}-error\">");
        Regex.IsMatch(main, $"id=\"{Regex.Escape(field)}\"[^>]*aria-describedby=\"[^\"]*{Regex.Escape(field)}-error")
            .ShouldBeTrue($"{field} points at its message");
    }

    private static void IdExists(string main, string id) =>
        main.ShouldContain($"id=\"{id}\"", customMessage: $"the summary's link to #{id} has somewhere to go");

    [Fact]
    public async Task The_page_needs_a_sign_in()
    {
        using var response = await _browsers.New().GetAsync(new Uri(Page, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var to = new Uri(server.BaseAddress, response.Headers.Location!);
        to.AbsolutePath.ShouldBe("/account/sign-in");
        to.Query.ShouldBe("?ReturnUrl=%2Freminders");
    }

    [Fact]
    public async Task The_settings_form_is_saved_shown_again_and_lists_the_coming_reminders_without_the_consent()
    {
        // Reminders are not health data: the page works before the consent.
        var visitor = await SignedUpAsync(_browsers, consent: false);
        var (status, page) = await GetAsync(visitor);
        status.ShouldBe(HttpStatusCode.OK);
        HasForm(page, "settings").ShouldBeTrue();
        ComingUp(page).ShouldBeEmpty();
        page.ShouldNotContain("<script src=\"_framework", Case.Insensitive);

        var (saved, html) = await PostAsync(visitor, "settings", page, Settings());

        saved.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("Saved.");
        main.ShouldNotContain("class=\"alert\"");
        var coming = ComingUp(html);
        coming.Count.ShouldBe(5);
        coming.ShouldAllBe(c => c.Contains(" at ", StringComparison.Ordinal));
        // The form shows what is stored now.
        ValueOf(html, "timeZone").ShouldBe("Europe/Berlin");
        ValueOf(html, "daily[0].at").ShouldBe("07:30");
        ValueOf(html, "daily[1].at").ShouldBe("18:00");
        Regex.IsMatch(html, "<select[^>]*id=\"daily\\[1\\]\\.kind\".*?<option value=\"checkIn\" selected", RegexOptions.Singleline).ShouldBeTrue();
        ValueOf(html, "deskBreaks.everyMinutes").ShouldBe("60");
        IsChecked(html, "deskBreaks", "on").ShouldBeTrue();
        IsChecked(html, "deskBreaks.days", "friday").ShouldBeTrue();
        IsChecked(html, "deskBreaks.days", "saturday").ShouldBeFalse();
        (ValueOf(html, "quietTimes[0].from"), ValueOf(html, "quietTimes[0].to")).ShouldBe(("22:00", "07:00"));

        var stored = (await StoredAsync(visitor)).GetProperty("settings");
        stored.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        stored.GetProperty("daily").EnumerateArray().Select(d => (d.GetProperty("at").GetString(), d.GetProperty("kind").GetString()))
            .ShouldBe([("07:30", "routine"), ("18:00", "checkIn")]);
        stored.GetProperty("days").GetArrayLength().ShouldBe(7);
        stored.GetProperty("deskBreaks").GetProperty("days").GetArrayLength().ShouldBe(5);
        stored.GetProperty("quietTimes").EnumerateArray().Select(q => (q.GetProperty("from").GetString(), q.GetProperty("to").GetString()))
            .ShouldBe([("22:00", "07:00"), ("12:00", "13:00")]);

        // Unticking desk breaks and emptying a time turns them off.
        var (_, again) = await GetAsync(visitor);
        var fewer = Settings().Where(f => f.Key is not "deskBreaks" and not "daily[1].at").ToList();
        (await PostAsync(visitor, "settings", again, fewer)).Status.ShouldBe(HttpStatusCode.OK);
        var now = (await StoredAsync(visitor)).GetProperty("settings");
        now.GetProperty("daily").GetArrayLength().ShouldBe(1);
        ReminderApiTests.Absent(now, "deskBreaks").ShouldBeTrue();
    }

    [Fact]
    public async Task A_bad_form_is_a_400_with_each_problem_linked_to_its_field_keeping_what_was_typed_and_storing_nothing()
    {
        var visitor = await SignedUpAsync(_browsers);
        var (_, page) = await GetAsync(visitor);
        (await PostAsync(visitor, "settings", page, Settings())).Status.ShouldBe(HttpStatusCode.OK);
        var before = (await StoredAsync(visitor)).GetProperty("settings").GetRawText();
        (_, page) = await GetAsync(visitor);

        var (status, html) = await PostAsync(visitor, "settings", page, With(
            ("timeZone", "Mars/Olympus_Mons"),
            ("daily[0].at", "25:00"),
            ("deskBreaks.workTo", ""),
            ("quietTimes[1].to", "lunch")));

        status.ShouldBe(HttpStatusCode.BadRequest);
        var main = MainOf(html);
        foreach (var field in new[] { "timeZone", "daily[0].at", "deskBreaks.workTo", "quietTimes[1].to" })
        {
            FieldErrorIsShown(main, field);
        }
        ValueOf(html, "timeZone").ShouldBe("Mars/Olympus_Mons");
        ValueOf(html, "daily[0].at").ShouldBe("25:00");
        ValueOf(html, "daily[1].at").ShouldBe("18:00");
        ValueOf(html, "quietTimes[1].to").ShouldBe("lunch");
        ValueOf(html, "deskBreaks.everyMinutes").ShouldBe("60");
        IsChecked(html, "deskBreaks", "on").ShouldBeTrue();
        (await StoredAsync(visitor)).GetProperty("settings").GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task Problems_between_fields_are_named_at_the_field_they_belong_to()
    {
        var visitor = await SignedUpAsync(_browsers);
        var (_, page) = await GetAsync(visitor);

        var (status, html) = await PostAsync(visitor, "settings", page, [
            .. With(
                ("deskBreaks.everyMinutes", "5"), // under the fewest, 15
                ("deskBreaks.workFrom", "17:00"),
                ("quietTimes[0].to", "22:00"), // ends when it starts
                ("daily[1].at", "07:30")) // a time already taken
                .Where(f => f.Key != "days"),
        ]);

        status.ShouldBe(HttpStatusCode.BadRequest);
        var main = MainOf(html);
        FieldErrorIsShown(main, "deskBreaks.everyMinutes");
        FieldErrorIsShown(main, "deskBreaks.workTo");
        FieldErrorIsShown(main, "quietTimes[0].to");
        FieldErrorIsShown(main, "daily[1].at");
        // The days are a group of checkboxes: the link goes to their fieldset.
        main.ShouldContain("href=\"reminders#days\"");
        IdExists(main, "days");
        ValueOf(html, "deskBreaks.everyMinutes").ShouldBe("5");
        ReminderApiTests.Absent((await StoredAsync(visitor)).GetProperty("settings"), "deskBreaks").ShouldBeTrue("nothing was stored");
    }

    [Fact]
    public async Task Pause_and_resume_buttons_pause_the_rest_of_today_and_saving_the_form_keeps_the_pause()
    {
        var visitor = await SignedUpAsync(_browsers);
        var (_, page) = await GetAsync(visitor);
        HasForm(page, "pause").ShouldBeFalse("nothing to pause before any reminder is on");
        (_, page) = await PostAsync(visitor, "settings", page, Settings());
        HasForm(page, "pause").ShouldBeTrue();
        HasForm(page, "resume").ShouldBeFalse();

        var (status, paused) = await PostAsync(visitor, "pause", page);

        status.ShouldBe(HttpStatusCode.OK);
        HasForm(paused, "resume").ShouldBeTrue();
        HasForm(paused, "pause").ShouldBeFalse();
        MainOf(paused).ShouldContain("paused for the rest of today");
        var pausedOn = (await StoredAsync(visitor)).GetProperty("settings").GetProperty("pausedOn").GetString();
        pausedOn.ShouldNotBeNull();
        // Nothing more today: Berlin's today is the paused day.
        ComingUp(paused).ShouldAllBe(c => !c.StartsWith("Today", StringComparison.Ordinal));

        // The form has no pause field: saving it keeps the pause (a PUT replaces it, see ReminderApiTests).
        (_, page) = await PostAsync(visitor, "settings", paused, With(("daily[1].at", "19:00")));
        (await StoredAsync(visitor)).GetProperty("settings").GetProperty("pausedOn").GetString().ShouldBe(pausedOn);
        HasForm(page, "resume").ShouldBeTrue();

        var (resumedStatus, resumed) = await PostAsync(visitor, "resume", page);

        resumedStatus.ShouldBe(HttpStatusCode.OK);
        HasForm(resumed, "pause").ShouldBeTrue();
        HasForm(resumed, "resume").ShouldBeFalse();
        ReminderApiTests.Absent((await StoredAsync(visitor)).GetProperty("settings"), "pausedOn").ShouldBeTrue();
    }

    private static string FeedUrlOn(string html) =>
        ValueOf(html, "feed-url").ShouldNotBeNull("the page shows the calendar address");

    [Fact]
    public async Task The_calendar_address_is_made_renewed_and_turned_off_from_the_page()
    {
        var visitor = await SignedUpAsync(_browsers);
        var (_, page) = await GetAsync(visitor);
        (_, page) = await PostAsync(visitor, "settings", page, Settings());
        page.ShouldNotContain("id=\"feed-url\"");
        HasForm(page, "calendar-revoke").ShouldBeFalse();

        var (status, made) = await PostAsync(visitor, "calendar-renew", page);

        status.ShouldBe(HttpStatusCode.OK);
        var url = FeedUrlOn(made);
        url.ShouldStartWith(server.Url("/calendar/"));
        made.ShouldContain($"href=\"webcal://{new Uri(url).Authority}/calendar/");
        using (var anonymous = server.CreateHttpClient())
        {
            var feed = await ReminderApiTests.FeedAsync(anonymous, url);
            feed.Status.ShouldBe(HttpStatusCode.OK);
            feed.MediaType.ShouldBe("text/calendar");
            feed.Text.ShouldContain("BEGIN:VEVENT");
        }
        (await StoredAsync(visitor)).GetProperty("calendar").GetProperty("url").GetString().ShouldBe(url);
        // Shown again on the next visit.
        FeedUrlOn((await GetAsync(visitor)).Html).ShouldBe(url);

        var (_, renewed) = await PostAsync(visitor, "calendar-renew", made);
        var newUrl = FeedUrlOn(renewed);
        newUrl.ShouldNotBe(url);
        using (var anonymous = server.CreateHttpClient())
        {
            (await ReminderApiTests.FeedAsync(anonymous, url)).ShouldBeProblem(HttpStatusCode.NotFound);
            (await ReminderApiTests.FeedAsync(anonymous, newUrl)).Status.ShouldBe(HttpStatusCode.OK);
        }

        var (_, revoked) = await PostAsync(visitor, "calendar-revoke", renewed);
        revoked.ShouldNotContain("id=\"feed-url\"");
        HasForm(revoked, "calendar-renew").ShouldBeTrue("a new address can be made");
        HasForm(revoked, "calendar-revoke").ShouldBeFalse();
        using (var anonymous = server.CreateHttpClient())
        {
            (await ReminderApiTests.FeedAsync(anonymous, newUrl)).ShouldBeProblem(HttpStatusCode.NotFound);
        }
        ReminderApiTests.Absent(await StoredAsync(visitor), "calendar").ShouldBeTrue();
    }

    [Fact]
    public async Task A_browser_with_notifications_on_is_listed_and_turned_off_from_the_page()
    {
        var visitor = await SignedUpAsync(_browsers);
        var added = await AccountApi.PostAsync(visitor.Api, ReminderApiTests.Devices, ReminderApiTests.Subscription(ReminderApiTests.FcmEndpoint(), label: "Kitchen tablet"));
        added.Status.ShouldBe(HttpStatusCode.Created, added.ToString());
        var id = added.Json.GetProperty("id").GetGuid();

        var (_, page) = await GetAsync(visitor);
        MainOf(page).ShouldContain("Kitchen tablet");
        HasForm(page, $"remove-{id:N}").ShouldBeTrue();

        var (status, html) = await PostAsync(visitor, $"remove-{id:N}", page);

        status.ShouldBe(HttpStatusCode.OK);
        MainOf(html).ShouldNotContain("Kitchen tablet");
        (await AccountApi.GetAsync(visitor.Api, ReminderApiTests.Devices)).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_first_visit_suggests_working_hours_from_onboarding_but_turns_nothing_on()
    {
        var visitor = await SignedUpAsync(_browsers, consent: true, profile: true);

        var (status, html) = await GetAsync(visitor);

        status.ShouldBe(HttpStatusCode.OK);
        // ProfileApiTests.Body() works 09:00 to 17:30 in Europe/London.
        (ValueOf(html, "deskBreaks.workFrom"), ValueOf(html, "deskBreaks.workTo")).ShouldBe(("09:00", "17:30"));
        ValueOf(html, "timeZone").ShouldBe("Europe/London");
        IsChecked(html, "deskBreaks.days", "monday").ShouldBeTrue();
        IsChecked(html, "deskBreaks.days", "sunday").ShouldBeFalse();
        IsChecked(html, "deskBreaks", "on").ShouldBeFalse("a suggestion, not a choice");
        ComingUp(html).ShouldBeEmpty();
        var stored = await StoredAsync(visitor);
        stored.GetProperty("settings").GetProperty("daily").GetArrayLength().ShouldBe(0);
        ReminderApiTests.Absent(stored.GetProperty("settings"), "deskBreaks").ShouldBeTrue();
    }

    [Fact]
    public async Task Without_an_onboarding_profile_the_working_hours_are_left_empty()
    {
        var visitor = await SignedUpAsync(_browsers);

        var (_, html) = await GetAsync(visitor);

        ValueOf(html, "deskBreaks.workFrom").ShouldBeNullOrEmpty();
        ValueOf(html, "deskBreaks.workTo").ShouldBeNullOrEmpty();
        ValueOf(html, "timeZone").ShouldBe("UTC");
    }
}

/// <summary>The page's test button, on a server that may post to a local push service.</summary>
public sealed class ReminderPagePushTests(PushApiServer fixture) : IClassFixture<PushApiServer>, IAsyncLifetime, IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(fixture.Server);
    private PushEndpoint _push = null!;

    public async Task InitializeAsync() => _push = await PushEndpoint.StartAsync();

    public async Task DisposeAsync() => await _push.DisposeAsync();

    public void Dispose() => _browsers.Dispose();

    [Fact]
    public async Task The_test_button_sends_one_notification_to_the_browser()
    {
        var visitor = await ReminderPageTests.SignedUpAsync(_browsers);
        var subscription = ReminderApiTests.Subscription(_push.EndpointFor("page-test").ToString(), _push.UserAgent.PublicKey, _push.UserAgent.AuthSecret);
        (await AccountApi.PostAsync(visitor.Api, ReminderApiTests.Devices, subscription)).Status.ShouldBe(HttpStatusCode.Created);
        var (_, page) = await ReminderPageTests.GetAsync(visitor);
        ReminderPageTests.HasForm(page, "test").ShouldBeTrue();

        var (status, html) = await ReminderPageTests.PostAsync(visitor, "test", page);

        status.ShouldBe(HttpStatusCode.OK);
        ReminderPageTests.MainOf(html).ShouldContain("Sent to 1 of 1 browser.");
        (await _push.WaitForAsync(1)).ShouldHaveSingleItem().Path.ShouldBe("page-test");
        _push.Received.Count.ShouldBe(1);
    }
}
