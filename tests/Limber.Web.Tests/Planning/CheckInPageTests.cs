using System.Net;
using System.Text.RegularExpressions;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Planning;

/// <summary>The daily check-in page as a browser without JavaScript uses it: cookie, antiforgery token, one form.</summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class CheckInPageTests(AccountServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    /// <summary>A browser signed in through the pages, and an API client signed in as the same person.</summary>
    private sealed record Visitor(HttpClient Browser, HttpClient Api);

    private static Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient http, string path) => NoScriptBrowsers.GetAsync(http, path);

    private static Task<(HttpStatusCode Status, string Html)> PostAsync(
        HttpClient http, string path, string handler, string page, IEnumerable<KeyValuePair<string, string>> fields) =>
        NoScriptBrowsers.PostAsync(http, path, handler, page, fields);

    /// <summary>
    /// Signs up through the page (with or without the health-data consent), which signs the browser in; when
    /// <paramref name="ready"/>, also answers onboarding (baseline pain 4) and a screen with no warning signs over the API.
    /// </summary>
    private async Task<Visitor> SignedUpAsync(bool consent, bool ready = true)
    {
        var (browser, api) = await _browsers.SignedUpAsync("checkin-page", consent);
        if (consent && ready)
        {
            await NoScriptBrowsers.OnboardAsync(api);
        }
        return new Visitor(browser, api);
    }

    /// <summary>A check-in with nothing that asks for the screen again.</summary>
    private static List<KeyValuePair<string, string>> Answers() =>
    [
        new("painNow", "3"),
        new("legSymptoms", "no"),
        new("numbness", "no"),
        new("bladderOrBowelChange", "no"),
        new("stiffness", "5"),
        new("morningStiffnessMinutes", "15"),
        new("whereFelt", "lowerBack"), new("whereFelt", "hipFront"),
        new("whatHelped", "walk"), new("whatHelped", "lumbarRoll"),
        new("note", "Long day at the desk."),
    ];

    private static List<KeyValuePair<string, string>> With(string field, string? value)
    {
        var answers = Answers().Where(a => a.Key != field).ToList();
        if (value is not null)
        {
            answers.Add(new(field, value));
        }
        return answers;
    }

    private static string MainOf(string html)
    {
        var main = Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline);
        main.Success.ShouldBeTrue("the page has a main element");
        return WebUtility.HtmlDecode(main.Groups[1].Value);
    }

    private static void FieldErrorIsShown(string main, string field)
    {
        var summary = Regex.Match(main, "<div class=\"alert\" role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        summary.Success.ShouldBeTrue("an error summary at the top");
        summary.Groups[1].Value.ShouldContain($"href=\"checkin#{field}\"");
        main.ShouldContain($"<p class=\"field-error\" id=\"{field}-error\">");
        Regex.IsMatch(main, $"id=\"{Regex.Escape(field)}\"[^>]*aria-describedby=\"[^\"]*{Regex.Escape(field)}-error").ShouldBeTrue($"{field} points at its message");
    }

    private static async Task<System.Text.Json.JsonElement> CheckInsAsync(Visitor visitor)
    {
        var list = await AccountApi.GetAsync(visitor.Api, "/api/v1/me/checkins");
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        return list.Json.GetProperty("checkIns");
    }

    [Fact]
    public async Task The_page_needs_a_sign_in()
    {
        var (status, _) = await GetAsync(_browsers.New(), "/checkin");
        status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Without_the_consent_the_page_says_why_and_links_to_the_account_page()
    {
        var visitor = await SignedUpAsync(consent: false);
        var (status, html) = await GetAsync(visitor.Browser, "/checkin");

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("href=\"/account#consent\"");
        main.ShouldContain("only with your consent");
        main.ShouldNotContain("<form");
    }

    [Fact]
    public async Task The_form_is_saved_shown_again_to_change_and_replaced_the_same_day()
    {
        var visitor = await SignedUpAsync(consent: true);
        var (status, page) = await GetAsync(visitor.Browser, "/checkin");
        status.ShouldBe(HttpStatusCode.OK);
        var form = MainOf(page);
        form.ShouldContain("<h1>Daily check-in</h1>");
        Regex.Count(form, "type=\"radio\" name=\"painNow\"").ShouldBe(11);
        form.ShouldContain("0 no pain");
        form.ShouldContain("10 worst imaginable");
        foreach (var question in new[] { "legSymptoms", "numbness", "bladderOrBowelChange" })
        {
            Regex.Count(form, $"type=\"radio\" name=\"{question}\"").ShouldBe(2);
            Regex.IsMatch(form, $"name=\"{question}\"[^>]*checked").ShouldBeFalse($"{question} has no answer until one is chosen");
        }
        form.ShouldContain("<legend>Do you have pain, tingling or weakness going down a leg?</legend>");
        form.ShouldContain("<legend>Has there been any change in your bladder or bowel control?</legend>");
        foreach (var area in new[] { "Lower back", "Front of hips", "Buttocks", "Back of thighs" })
        {
            form.ShouldContain(area);
        }
        foreach (var care in new[] { "heat", "ice", "walk", "swim", "yoga", "foamRoller", "massage", "lumbarRoll", "sleepingPosition" })
        {
            form.ShouldContain($"name=\"whatHelped\" value=\"{care}\"");
        }
        form.ShouldContain("<textarea id=\"note\" name=\"note\"");
        form.ShouldNotContain("You checked in today");
        page.ShouldNotContain("<script src=\"_framework", Case.Insensitive);

        var (saved, html) = await PostAsync(visitor.Browser, "/checkin", "checkin", page, Answers());

        saved.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("<strong>Saved.</strong>");
        main.ShouldContain("href=\"/today\"");
        main.ShouldNotContain("href=\"/screen\"");
        var rows = await CheckInsAsync(visitor);
        rows.GetArrayLength().ShouldBe(1);
        var row = rows[0];
        row.GetProperty("painNow").GetInt32().ShouldBe(3);
        row.GetProperty("stiffness").GetInt32().ShouldBe(5);
        row.GetProperty("morningStiffnessMinutes").GetInt32().ShouldBe(15);
        row.GetProperty("whereFelt").EnumerateArray().Select(e => e.GetString()).ShouldBe(["lowerBack", "hipFront"]);
        row.GetProperty("whatHelped").EnumerateArray().Select(e => e.GetString()).ShouldBe(["walk", "lumbarRoll"]);
        row.GetProperty("legSymptoms").GetBoolean().ShouldBeFalse();
        row.GetProperty("note").GetString().ShouldBe("Long day at the desk.");

        // Back again the same day: the answers are there to change, and saving replaces them.
        var (_, again) = await GetAsync(visitor.Browser, "/checkin");
        var edit = MainOf(again);
        edit.ShouldContain("You checked in today; saving again replaces it.");
        Regex.IsMatch(edit, "name=\"painNow\" value=\"3\"[^>]*checked").ShouldBeTrue();
        Regex.IsMatch(edit, "name=\"numbness\" value=\"no\"[^>]*checked").ShouldBeTrue();
        Regex.IsMatch(edit, "value=\"hipFront\"[^>]*checked").ShouldBeTrue();
        Regex.IsMatch(edit, "value=\"glutes\"[^>]*checked").ShouldBeFalse();
        edit.ShouldContain(">Long day at the desk.</textarea>");

        var (replaced, _) = await PostAsync(visitor.Browser, "/checkin", "checkin", again, With("painNow", "2"));
        replaced.ShouldBe(HttpStatusCode.OK);
        rows = await CheckInsAsync(visitor);
        rows.GetArrayLength().ShouldBe(1);
        rows[0].GetProperty("painNow").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task An_unanswered_question_is_named_at_the_top_and_at_the_field_and_nothing_is_stored()
    {
        var visitor = await SignedUpAsync(consent: true);
        var (_, page) = await GetAsync(visitor.Browser, "/checkin");
        var answers = With("bladderOrBowelChange", null).Where(a => a.Key != "painNow").ToList();
        answers.Add(new("morningStiffnessMinutes", "lots"));
        answers.RemoveAll(a => a.Key == "morningStiffnessMinutes" && a.Value == "15");
        answers.Add(new("whereFelt", "elbow"));

        var (status, html) = await PostAsync(visitor.Browser, "/checkin", "checkin", page, answers);

        status.ShouldBe(HttpStatusCode.BadRequest);
        var main = MainOf(html);
        foreach (var field in new[] { "painNow", "bladderOrBowelChange", "morningStiffnessMinutes", "whereFelt" })
        {
            FieldErrorIsShown(main, field);
        }
        main.ShouldContain("Answer yes or no: Has there been any change in your bladder or bowel control?");
        // In the order of the form.
        main.IndexOf("checkin#painNow", StringComparison.Ordinal).ShouldBeLessThan(main.IndexOf("checkin#bladderOrBowelChange", StringComparison.Ordinal));
        // What was given stays.
        main.ShouldContain("value=\"lots\"");
        main.ShouldContain(">Long day at the desk.</textarea>");
        Regex.IsMatch(main, "name=\"legSymptoms\" value=\"no\"[^>]*checked").ShouldBeTrue();
        main.ShouldNotContain("<strong>Saved.</strong>");
        (await CheckInsAsync(visitor)).GetArrayLength().ShouldBe(0);

        // A pain score out of range is refused as the API refuses it.
        var (_, again) = await GetAsync(visitor.Browser, "/checkin");
        var (outOfRange, refused) = await PostAsync(visitor.Browser, "/checkin", "checkin", again, With("painNow", "11"));
        outOfRange.ShouldBe(HttpStatusCode.BadRequest);
        FieldErrorIsShown(MainOf(refused), "painNow");
        (await CheckInsAsync(visitor)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_leg_symptom_says_why_and_links_to_the_questions_and_routines_stop()
    {
        var visitor = await SignedUpAsync(consent: true);
        (await AccountApi.GetAsync(visitor.Api, "/api/v1/me/routine")).Status.ShouldBe(HttpStatusCode.OK);
        var (_, page) = await GetAsync(visitor.Browser, "/checkin");

        var (status, html) = await PostAsync(visitor.Browser, "/checkin", "checkin", page, With("legSymptoms", "yes"));

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("Answer the warning-sign questions now");
        main.ShouldContain("You noted a symptom in your leg.");
        Regex.IsMatch(main, "<a class=\"button[^\"]*\" href=\"/screen\"").ShouldBeTrue("one prominent link to the questions");
        main.ShouldNotContain("href=\"/today\"");
        main.ShouldNotContain("<strong>Saved.</strong>");
        (await AccountApi.GetAsync(visitor.Api, "/api/v1/me/routine")).ShouldBeProblem(HttpStatusCode.Conflict);
        (await CheckInsAsync(visitor))[0].GetProperty("legSymptoms").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_bladder_or_bowel_change_also_says_to_get_urgent_help_if_it_is_new()
    {
        var visitor = await SignedUpAsync(consent: true);
        var (_, page) = await GetAsync(visitor.Browser, "/checkin");

        var (status, html) = await PostAsync(visitor.Browser, "/checkin", "checkin", page, With("bladderOrBowelChange", "yes"));

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("You noted a change in your bladder or bowel.");
        main.ShouldContain("If this change is new, do not wait to see whether it settles: call");
        main.ShouldContain("or go to the emergency department");
        Regex.IsMatch(main, "<a class=\"button[^\"]*\" href=\"/screen\"").ShouldBeTrue();
        foreach (var word in new[] { "all clear", "treats", "cures", "relieves", "diagnoses", "clinically proven" })
        {
            main.ShouldNotContain(word, Case.Insensitive);
        }
    }
}
