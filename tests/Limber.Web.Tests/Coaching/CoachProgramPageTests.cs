using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Limber.Storage;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// The program builder (/coach/clients/{id}/program) as a browser without JavaScript uses it: every button is a form
/// post that comes back with the working draft kept in the form, and Save sets the client's program, which the client's
/// own pages then show. What was stored is read back over the API.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class CoachProgramPageTests(AccountServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    private static string PageOf(Guid clientId) => $"/coach/clients/{clientId}/program";

    /// <summary>A browser signed in through the sign-in page as this person.</summary>
    internal static async Task<HttpClient> BrowserAsync(NoScriptBrowsers browsers, TestPerson person)
    {
        var browser = browsers.New();
        var (_, page) = await NoScriptBrowsers.GetAsync(browser, "/account/sign-in");
        var (status, _) = await NoScriptBrowsers.PostAsync(browser, "/account/sign-in", "sign-in", page,
            [new("email", person.Email), new("password", person.Password)]);
        status.ShouldBe(HttpStatusCode.Redirect);
        return browser;
    }

    private sealed record Setup(TestCoach Coach, TestPerson Client, CoachLink Link, HttpClient Browser) : IDisposable
    {
        public string Page => PageOf(Client.Id);

        public void Dispose()
        {
            Coach.Dispose();
            Client.Dispose();
        }
    }

    private async Task<Setup> SetupAsync(string who)
    {
        var coach = await Coaches.CoachAsync(server, $"{who}-coach");
        var client = await Coaches.ClientAsync(server, $"{who}-client");
        var link = await Coaches.LinkAsync(server, coach, client, "Jo, Tuesday class");
        return new Setup(coach, client, link, await BrowserAsync(_browsers, coach.Person));
    }

    /// <summary>
    /// The builder form's fields as a browser would send them: every input (but buttons), textarea and selected option,
    /// with <paramref name="changes"/> on top, and the pressed button's action.
    /// </summary>
    private static List<KeyValuePair<string, string>> Fields(string html, string action, params (string Name, string Value)[] changes)
    {
        var form = FormElement().Matches(html).Select(m => m.Value).Single(f => f.Contains("value=\"builder\"", StringComparison.Ordinal));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputElement().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type") ?? "text";
            if (name is null || name is "_handler" or "__RequestVerificationToken" or "action" || type is "submit" or "button")
            {
                continue;
            }
            fields.Add(new(name, Attribute(tag, "value") ?? ""));
        }
        foreach (Match area in TextareaElement().Matches(form))
        {
            fields.Add(new(Attribute(area.Value, "name")!, WebUtility.HtmlDecode(area.Groups["text"].Value)));
        }
        foreach (Match select in SelectElement().Matches(form))
        {
            var chosen = OptionElement().Matches(select.Groups["options"].Value).FirstOrDefault(o => Regex.IsMatch(o.Value, "\\sselected[\\s>=]"));
            fields.Add(new(Attribute(select.Value, "name")!, chosen is null ? "" : Attribute(chosen.Value, "value") ?? ""));
        }
        foreach (var (name, value) in changes)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        fields.Add(new("action", action));
        return fields;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{Regex.Escape(name)}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The exercise ids of the draft, in order.</summary>
    private static List<string> Draft(string html) =>
        [.. Regex.Matches(html, "name=\"items\\[(\\d+)\\]\\.exerciseId\" value=\"([^\"]*)\"").Select(m => m.Groups[2].Value)];

    private static string? ValueOf(string html, string id) => Reminders.ReminderPageTests.ValueOf(html, id);

    private static async Task<(HttpStatusCode Status, string Html)> PressAsync(Setup setup, string html, string action, params (string, string)[] changes) =>
        await NoScriptBrowsers.PostAsync(setup.Browser, setup.Page, "builder", html, Fields(html, action, changes));

    [Fact]
    public async Task A_coach_builds_a_program_from_a_template_reorders_removes_adds_and_saves_it_and_the_client_follows_it()
    {
        using var setup = await SetupAsync("builder");
        var routine = await Coaches.RoutineAsync(setup.Client);

        var (status, html) = await NoScriptBrowsers.GetAsync(setup.Browser, setup.Page);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h1>Program for Jo, Tuesday class</h1>");
        Draft(html).ShouldBe(routine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("exerciseId").GetString()!).ToList(),
            "the client's plan is the starting point");
        (await Coaches.ViewsAsync(server, setup.Client.Id)).ShouldContain(CoachRecords.Subject(setup.Link.Id) + "/program");

        (status, html) = await PressAsync(setup, html, "template", ("template", "desk-worker"));
        status.ShouldBe(HttpStatusCode.OK);
        Draft(html).ShouldBe(["seated-cat-cow", "standing-back-extension", "standing-hip-flexor-stretch", "seated-rotation", "glute-bridge", "sit-to-stand"]);
        ValueOf(html, "name").ShouldBe("Desk worker");
        ValueOf(html, "items[4].reps").ShouldBe("8", "the template's dose");
        html.ShouldNotContain("id=\"items[0].holdSeconds\"", Case.Sensitive, "seated cat-cow has no hold: no field for one");
        html.ShouldContain("Started from the template");

        // Move the first down: the button names its exercise, and the page comes back at its new place.
        html.ShouldContain("Move down<span class=\"visually-hidden\"> Seated cat-cow</span>");
        html.ShouldContain("formaction=\"" + setup.Page + "#item-1\"");
        (status, html) = await PressAsync(setup, html, "down:0", ("items[0].note", "Slow and small."));
        status.ShouldBe(HttpStatusCode.OK);
        Draft(html).ShouldBe(["standing-back-extension", "seated-cat-cow", "standing-hip-flexor-stretch", "seated-rotation", "glute-bridge", "sit-to-stand"]);
        WebUtility.HtmlDecode(html).ShouldContain("Moved Seated cat-cow down to number 2.");
        TextareaOf(html, "items[1].note").ShouldBe("Slow and small.", "what was typed moves with its exercise");

        (status, html) = await PressAsync(setup, html, "up:3");
        Draft(html).ShouldBe(["standing-back-extension", "seated-cat-cow", "seated-rotation", "standing-hip-flexor-stretch", "glute-bridge", "sit-to-stand"]);

        // The test client cannot lie down, so the bridge comes out; seated marching goes in.
        (status, html) = await PressAsync(setup, html, "remove:4");
        Draft(html).ShouldBe(["standing-back-extension", "seated-cat-cow", "seated-rotation", "standing-hip-flexor-stretch", "sit-to-stand"]);
        WebUtility.HtmlDecode(html).ShouldContain("Removed Glute bridge.");
        (status, html) = await PressAsync(setup, html, "add", ("add", "seated-marching"));
        Draft(html).ShouldBe(["standing-back-extension", "seated-cat-cow", "seated-rotation", "standing-hip-flexor-stretch", "sit-to-stand", "seated-marching"]);
        ValueOf(html, "items[5].durationSeconds").ShouldBe("30", "its catalogue dose");
        (status, html) = await PressAsync(setup, html, "add", ("add", "seated-marching"));
        status.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(html).ShouldContain("Seated marching is already in the program, as number 6.");

        // A dose out of range: the summary links to the field, which says what is wrong; nothing is saved.
        (status, html) = await PressAsync(setup, html, "save", ("items[1].reps", "99"), ("items[2].holdSeconds", ""), ("name", "Desk reset"));
        status.ShouldBe(HttpStatusCode.BadRequest);
        var decoded = WebUtility.HtmlDecode(html);
        decoded.ShouldContain($"href=\"{setup.Page}#items[1].reps\">Seated cat-cow, Repetitions: must be between 1 and 30, not 99.</a>");
        decoded.ShouldContain("<p class=\"field-error\" id=\"items[1].reps-error\">Seated cat-cow, Repetitions: must be between 1 and 30, not 99.</p>");
        decoded.ShouldContain("Seated rotation, Hold (seconds): give a number.");
        Regex.IsMatch(html, "<input id=\"items\\[1\\]\\.reps\"[^>]*aria-invalid=\"true\"").ShouldBeTrue();
        ValueOf(html, "items[1].reps").ShouldBe("99", "the page keeps what was typed");
        (await Coaches.RoutineAsync(setup.Client)).TryGetProperty("coach", out _).ShouldBeFalse("nothing saved");

        (status, html) = await PressAsync(setup, html, "save", ("items[1].reps", "9"), ("items[2].holdSeconds", "20"));
        status.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(html).ShouldContain("Saved. Jo, Tuesday class follows \"Desk reset\"");
        html.ShouldContain($"href=\"/coach/clients/{setup.Client.Id}/program/handout.pdf\"");

        var after = await Coaches.RoutineAsync(setup.Client);
        after.GetProperty("coach").GetProperty("name").GetString().ShouldBe("Desk reset");
        var items = after.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("exerciseId").GetString()!);
        items["seated-cat-cow"].GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(9);
        items["seated-cat-cow"].GetProperty("coachNote").GetString().ShouldBe("Slow and small.");
        items.Keys.ToList().ShouldBe(["standing-back-extension", "seated-cat-cow", "seated-rotation", "standing-hip-flexor-stretch", "seated-marching", "sit-to-stand"],
            "the coach's order within each part: strengthening comes last");
        (await Coaches.EventsAsync(server, setup.Client.Id)).Count(e => e.Action == AuditEvent.CoachProgramSet).ShouldBe(1);
    }

    [Fact]
    public async Task Thresholds_start_at_the_deployment_s_and_a_changed_one_is_saved_for_the_client()
    {
        using var setup = await SetupAsync("builder-thresholds");
        var (_, html) = await NoScriptBrowsers.GetAsync(setup.Browser, setup.Page);
        ValueOf(html, "thresholds.regressWorstPainAbove").ShouldBe("5");
        html.ShouldContain("<details class=\"builder-thresholds\" id=\"thresholds\">", Case.Sensitive, "closed while they are this Limber's");

        var (status, saved) = await PressAsync(setup, html, "save", ("thresholds.regressWorstPainAbove", "6"));
        status.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(saved).ShouldContain("\"Step back when the worst pain is above (0–5)\" must be 0–5");
        saved.ShouldContain("<details class=\"builder-thresholds\" id=\"thresholds\" open>");

        (status, saved) = await PressAsync(setup, saved, "save", ("thresholds.regressWorstPainAbove", "4"));
        status.ShouldBe(HttpStatusCode.OK);
        var program = (await setup.Coach.Person.GetAsync($"/api/v1/coach/clients/{setup.Client.Id}/program")).Json;
        program.GetProperty("source").GetString().ShouldBe("coach");
        program.GetProperty("thresholds").GetProperty("regressWorstPainAbove").GetInt32().ShouldBe(4);

        (status, _) = await PressAsync(setup, saved, "save", ("thresholds.regressWorstPainAbove", "5"));
        status.ShouldBe(HttpStatusCode.OK);
        (await setup.Coach.Person.GetAsync($"/api/v1/coach/clients/{setup.Client.Id}/program")).Json.TryGetProperty("thresholds", out _)
            .ShouldBeFalse("back at this Limber's own: the client follows the deployment's again");
    }

    [Fact]
    public async Task The_client_sees_the_coach_s_program_and_notes_and_can_go_back_to_Limber_s_own_plan_after_confirming()
    {
        using var setup = await SetupAsync("builder-client");
        (await setup.Coach.Person.SendAsync(HttpMethod.Put, $"/api/v1/coach/clients/{setup.Client.Id}/program", CoachProgramApiTests.Desk()))
            .Status.ShouldBe(HttpStatusCode.OK);
        var browser = await BrowserAsync(_browsers, setup.Client);

        var (status, today) = await NoScriptBrowsers.GetAsync(browser, "/today");
        status.ShouldBe(HttpStatusCode.OK);
        var main = Text(today);
        main.ShouldContain("Your program from your coach, Coach builder-client-coach: Desk reset.");
        main.ShouldContain("Note from your coach: Small and slow is fine.");
        main.ShouldContain("See your program");

        var (_, program) = await NoScriptBrowsers.GetAsync(browser, "/program");
        main = Reminders.ReminderPageTests.MainOf(program);
        main.ShouldContain("<h1>Your program</h1>");
        Text(program).ShouldContain("Note from your coach: Tuck your tailbone under first.");
        main.ShouldNotContain("Week 1");
        Reminders.ReminderPageTests.HasForm(program, "leave-coach").ShouldBeFalse("the first button only asks");

        var (_, confirm) = await NoScriptBrowsers.GetAsync(browser, "/program?confirm=leave");
        Reminders.ReminderPageTests.HasForm(confirm, "leave-coach").ShouldBeTrue();
        Text(confirm).ShouldContain("Go back to Limber's own plan? Your coach's exercises, doses and notes are taken off");
        var (left, back) = await NoScriptBrowsers.PostAsync(browser, "/program?confirm=leave", "leave-coach", confirm, []);
        left.ShouldBe(HttpStatusCode.OK);
        Text(back).ShouldContain("You are back on Limber's own plan.");
        Reminders.ReminderPageTests.MainOf(back).ShouldContain("<h1>Your six weeks</h1>");
        (await Coaches.RoutineAsync(setup.Client)).TryGetProperty("coach", out _).ShouldBeFalse();
        (await Coaches.EventsAsync(server, setup.Client.Id)).ShouldContain(e => e.Action == PrescriptionRecords.ProgramClearedAction);
    }

    [Fact]
    public async Task The_coach_takes_the_program_off_after_confirming()
    {
        using var setup = await SetupAsync("builder-off");
        (await setup.Coach.Person.SendAsync(HttpMethod.Put, $"/api/v1/coach/clients/{setup.Client.Id}/program", CoachProgramApiTests.Desk()))
            .Status.ShouldBe(HttpStatusCode.OK);

        var (_, html) = await NoScriptBrowsers.GetAsync(setup.Browser, setup.Page + "?confirm=take-off");
        Reminders.ReminderPageTests.HasForm(html, "take-off").ShouldBeTrue();
        var (status, done) = await NoScriptBrowsers.PostAsync(setup.Browser, setup.Page + "?confirm=take-off", "take-off", html, []);

        status.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(done).ShouldContain("The program is off. Jo, Tuesday class is back on Limber's own plan");
        Reminders.ReminderPageTests.HasForm(done, "take-off").ShouldBeFalse();
        (await Coaches.RoutineAsync(setup.Client)).TryGetProperty("coach", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Someone_who_is_not_this_client_s_coach_gets_a_page_saying_so_and_changes_nothing()
    {
        using var setup = await SetupAsync("builder-strangers");
        using var stranger = await Coaches.CoachAsync(server, "builder-stranger");
        using var plain = await TestPerson.CreateAsync(server, consent: true, who: "builder-plain");
        var events = (await Coaches.EventsAsync(server, setup.Client.Id)).Count;

        var strangerBrowser = await BrowserAsync(_browsers, stranger.Person);
        var (status, html) = await NoScriptBrowsers.GetAsync(strangerBrowser, setup.Page);
        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("Page not found");
        html.ShouldNotContain("Jo, Tuesday class");

        // A post made from the real coach's page, sent by the stranger's browser with a token of its own.
        var (_, own) = await NoScriptBrowsers.GetAsync(setup.Browser, setup.Page);
        var (_, strangerPage) = await NoScriptBrowsers.GetAsync(strangerBrowser, "/account");
        (status, _) = await NoScriptBrowsers.PostAsync(strangerBrowser, setup.Page, "builder", strangerPage, Fields(own, "save"));
        // Not found, or refused as a post to a form the stranger's page never showed: either way a 4xx, and nothing saved.
        status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);

        var plainBrowser = await BrowserAsync(_browsers, plain);
        (status, html) = await NoScriptBrowsers.GetAsync(plainBrowser, setup.Page);
        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("<h1>For coaches</h1>");

        (status, _) = await NoScriptBrowsers.GetAsync(_browsers.New(), setup.Page);
        status.ShouldBe(HttpStatusCode.Redirect, "signing in comes first");

        (await Coaches.RoutineAsync(setup.Client)).TryGetProperty("coach", out _).ShouldBeFalse();
        // The real coach's own look is the only new event.
        (await Coaches.EventsAsync(server, setup.Client.Id)).Count.ShouldBe(events + 1);
    }

    /// <summary>The words of the page's main part, without tags, single-spaced.</summary>
    private static string Text(string html) =>
        Regex.Replace(Regex.Replace(Reminders.ReminderPageTests.MainOf(html), "<[^>]+>", " "), "\\s+", " ").Replace(" .", ".").Replace(" :", ":");

    private static string TextareaOf(string html, string name)
    {
        var match = Regex.Match(html, $"<textarea[^>]*name=\"{Regex.Escape(name)}\"[^>]*>(?<text>[^<]*)</textarea>");
        match.Success.ShouldBeTrue($"the page has a textarea {name}");
        return WebUtility.HtmlDecode(match.Groups["text"].Value);
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputElement();

    [GeneratedRegex("<textarea[^>]*>(?<text>[^<]*)</textarea>")]
    private static partial Regex TextareaElement();

    [GeneratedRegex("<select[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectElement();

    [GeneratedRegex("<option[^>]*>")]
    private static partial Regex OptionElement();
}
