using System.Net;
using System.Text.RegularExpressions;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Planning;

/// <summary>The onboarding page as a browser without JavaScript uses it: cookie, antiforgery token, one form.</summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class OnboardingPageTests(AccountServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    private HttpClient NewBrowser() => _browsers.New();

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string TokenIn(string html) => NoScriptBrowsers.TokenIn(html);

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient http, string path, string handler, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var form = new FormUrlEncodedContent([
            new("_handler", handler), new("__RequestVerificationToken", TokenIn(page)), .. fields]);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), form);
        ((int)response.StatusCode).ShouldBeLessThan(500);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs up through the page, with or without the health-data consent, which signs the browser in.</summary>
    private async Task<HttpClient> SignedUpAsync(bool consent)
    {
        var http = NewBrowser();
        var (_, page) = await GetAsync(http, "/account/sign-up");
        List<KeyValuePair<string, string>> fields = [new("email", $"onboarding.{Guid.NewGuid():N}@example.org"), new("password", "correct horse battery")];
        if (consent)
        {
            fields.Add(new("healthData", "yes"));
        }
        var (status, _) = await PostAsync(http, "/account/sign-up", "sign-up", page, fields);
        status.ShouldBe(HttpStatusCode.Redirect);
        return http;
    }

    private static List<KeyValuePair<string, string>> Answers() =>
    [
        new("tightAreas", "lowerBack"), new("tightAreas", "hipFront"),
        new("triggers", "afterSitting"),
        new("day", "sitting"),
        new("sittingHoursPerDay", "8"),
        new("positions", "chair"), new("positions", "standing"),
        new("equipment", "chair"),
        new("minutesPerSession", "5"),
        new("sessionsPerDay", "3"),
        new("workStart", "09:00"), new("workEnd", "17:30"),
        new("baselinePain", "4"),
        new("morningStiffnessMinutes", "20"),
        new("activities-0-name", "Putting on socks"), new("activities-0-score", "6"),
        new("activities-1-name", "Getting out of a car"), new("activities-1-score", "5"),
        new("activities-3-name", "Sitting through a film"), new("activities-3-score", "7"),
    ];

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
        summary.Groups[1].Value.ShouldContain($"href=\"onboarding#{field}\"");
        main.ShouldContain($"<p class=\"field-error\" id=\"{field}-error\">");
        Regex.IsMatch(main, $"id=\"{Regex.Escape(field)}\"[^>]*aria-describedby=\"[^\"]*{Regex.Escape(field)}-error").ShouldBeTrue($"{field} points at its message");
    }

    [Fact]
    public async Task The_page_needs_a_sign_in()
    {
        var (status, _) = await GetAsync(NewBrowser(), "/onboarding");
        status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Without_the_consent_the_page_says_why_and_links_to_the_account_page()
    {
        var http = await SignedUpAsync(consent: false);
        var (status, html) = await GetAsync(http, "/onboarding");

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("href=\"/account#consent\"");
        main.ShouldContain("only with your consent");
        main.ShouldNotContain("<form");
    }

    [Fact]
    public async Task The_answers_are_saved_and_shown_again_to_edit()
    {
        var http = await SignedUpAsync(consent: true);
        var (status, page) = await GetAsync(http, "/onboarding");
        status.ShouldBe(HttpStatusCode.OK);
        var form = MainOf(page);
        foreach (var legend in new[] { "Where does it feel tight?", "When does it feel tight?", "What does your day hold?", "Which positions can you exercise in?", "What do you have at hand?", "Minutes for each session" })
        {
            form.ShouldContain($"<legend>{legend}</legend>");
        }
        Regex.Count(form, "name=\"activities-\\d-name\"").ShouldBe(5);
        form.ShouldContain("type=\"time\"");
        form.ShouldContain("0 means no pain at all; 10 means the worst pain you can imagine.");
        page.ShouldNotContain("<script src=\"_framework", Case.Insensitive);

        var (saved, html) = await PostAsync(http, "/onboarding", "onboarding", page, Answers());

        saved.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("Your answers are saved.");
        main.ShouldContain("href=\"/account\"");
        var (_, again) = await GetAsync(http, "/onboarding");
        var edit = MainOf(again);
        Regex.IsMatch(edit, "value=\"lowerBack\"[^>]*checked").ShouldBeTrue();
        Regex.IsMatch(edit, "value=\"glutes\"[^>]*checked").ShouldBeFalse();
        Regex.IsMatch(edit, "name=\"minutesPerSession\" value=\"5\"[^>]*checked").ShouldBeTrue();
        edit.ShouldContain("value=\"Sitting through a film\"");
        edit.ShouldContain("value=\"17:30\"");
        Regex.IsMatch(edit, "id=\"baselinePain\"[^>]*value=\"4\"").ShouldBeTrue();

        // The account page links here.
        MainOf((await GetAsync(http, "/account")).Html).ShouldContain("href=\"/onboarding\"");
    }

    [Fact]
    public async Task Problems_are_summarised_at_the_top_and_shown_at_each_field_and_nothing_is_saved()
    {
        var http = await SignedUpAsync(consent: true);
        var (_, page) = await GetAsync(http, "/onboarding");
        var answers = Answers().Where(a => a.Key is not ("positions" or "baselinePain" or "activities-3-name" or "activities-3-score" or "workEnd")).ToList();
        answers.Add(new("activities-1-score", "eleven"));
        answers.RemoveAll(a => a.Key == "activities-1-score" && a.Value == "5");
        answers.Add(new("sessionsPerDay", "9"));
        answers.RemoveAll(a => a.Key == "sessionsPerDay" && a.Value == "3");

        var (status, html) = await PostAsync(http, "/onboarding", "onboarding", page, answers);

        status.ShouldBe(HttpStatusCode.BadRequest);
        var main = MainOf(html);
        foreach (var field in new[] { "positions", "baselinePain", "activities", "activities-1-score", "sessionsPerDay", "workHours-end" })
        {
            FieldErrorIsShown(main, field);
        }
        // What was typed stays.
        main.ShouldContain("value=\"eleven\"");
        main.ShouldContain("value=\"Putting on socks\"");
        main.ShouldNotContain("Your answers are saved.");
        // Nothing was stored: the page comes back empty.
        MainOf((await GetAsync(http, "/onboarding")).Html).ShouldNotContain("value=\"Putting on socks\"");
    }
}
