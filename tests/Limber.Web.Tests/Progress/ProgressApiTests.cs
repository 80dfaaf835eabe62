using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Limber.Web.Tests.Accounts;
using Limber.Web.Tests.Planning;
using static Limber.Web.Tests.Planning.SessionApiTests;

namespace Limber.Web.Tests.Progress;

/// <summary>
/// Progress over real HTTP: the numbers as JSON and the page with its charts, each chart with a title, a description
/// and a table. The arithmetic over weeks is tested in the domain with a fake clock; here one real day is enough.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class ProgressApiTests(AccountServer server) : IDisposable
{
    private const string Progress = "/api/v1/me/progress";
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    [Fact]
    public async Task Progress_gives_the_days_pain_sessions_activities_and_the_watch_since_the_program_started()
    {
        using var person = await ReadyAsync(server, "progress");
        (await person.PostAsync("/api/v1/me/checkins", CheckInApiTests.Body(painNow: 2))).Status.ShouldBe(HttpStatusCode.Created);
        var routine = await RoutineAsync(person);
        (await PostAsync(person, Session(routine), "progress-1")).Status.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(person, Session(routine), "progress-2")).Status.ShouldBe(HttpStatusCode.Created);

        var answer = await person.GetAsync(Progress);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var json = answer.Json;
        var today = routine.GetProperty("date").GetString();
        json.GetProperty("from").GetString().ShouldBe(today);
        json.GetProperty("to").GetString().ShouldBe(today);
        json.GetProperty("baselinePain").GetInt32().ShouldBe(4);
        json.GetProperty("meaningfulChange").GetDouble().ShouldBe(2);
        var pain = json.GetProperty("pain").EnumerateArray().Single();
        (pain.GetProperty("pain").GetInt32(), pain.GetProperty("meanOf7Days").GetDouble()).ShouldBe((2, 2.0));
        var stiffness = json.GetProperty("stiffness").EnumerateArray().Single();
        (stiffness.GetProperty("stiffness").GetInt32(), stiffness.GetProperty("morningStiffnessMinutes").GetInt32()).ShouldBe((4, 20));
        var adherence = json.GetProperty("adherence");
        adherence.GetProperty("days").EnumerateArray().Single().GetProperty("sessions").GetInt32().ShouldBe(2);
        adherence.GetProperty("currentStreak").GetInt32().ShouldBe(1);
        // Onboarding's activities: socks 6, car 5, meeting 7.
        json.GetProperty("activity").GetProperty("baseline").GetDouble().ShouldBe(6);
        var heat = json.GetProperty("whatHelped").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "heat");
        heat.GetProperty("enough").GetBoolean().ShouldBeFalse();
        var watch = json.GetProperty("watch");
        watch.GetProperty("programWeek").GetInt32().ShouldBe(1);
        watch.GetProperty("disposition").GetString().ShouldBe("none");
        watch.GetProperty("usualWindowStart").GetString().ShouldBe(today);
    }

    [Fact]
    public async Task No_progress_without_consent_or_onboarding_and_none_signed_out()
    {
        using var noConsent = await TestPerson.CreateAsync(server, who: "progress-no-consent");
        (await noConsent.GetAsync(Progress)).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var noProfile = await TestPerson.CreateAsync(server, consent: true, who: "progress-no-profile");
        (await noProfile.GetAsync(Progress)).ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!.ShouldContain("onboarding");
        (await AccountApi.GetAsync(noProfile.Anonymous, Progress)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_progress_page_shows_each_chart_with_a_title_a_description_and_a_table()
    {
        var (browser, api) = await _browsers.SignedUpAsync("progress-page");
        var (before, early) = await NoScriptBrowsers.GetAsync(browser, "/progress");
        before.ShouldBe(HttpStatusCode.OK);
        early.ShouldContain("Answer the onboarding questions");

        await NoScriptBrowsers.OnboardAsync(api, screen: false);
        (await AccountApi.PostAsync(api, "/api/v1/me/checkins", CheckInApiTests.Body(painNow: 3))).Status.ShouldBe(HttpStatusCode.Created);

        var (status, html) = await NoScriptBrowsers.GetAsync(browser, "/progress");
        status.ShouldBe(HttpStatusCode.OK);
        foreach (var chart in new[] { "pain", "stiffness", "adherence", "activity" })
        {
            html.ShouldContain($"aria-labelledby=\"{chart}-title {chart}-desc\"");
            html.ShouldContain($"<title id=\"{chart}-title\">");
            html.ShouldContain($"<desc id=\"{chart}-desc\">");
        }
        html.ShouldContain("now 3 out of 10; you started at 4");
        html.ShouldContain("<caption>Pain each day, 0 to 10</caption>");
        html.ShouldContain("Not enough days yet to say anything");
        html.ShouldNotContain("style=");
    }

    [Fact]
    public async Task Two_weeks_after_the_last_rating_the_check_in_asks_to_rate_the_activities_again()
    {
        var (browser, api) = await _browsers.SignedUpAsync("rate-again");
        await NoScriptBrowsers.OnboardAsync(api);
        List<KeyValuePair<string, string>> answers =
            [new("painNow", "3"), new("legSymptoms", "no"), new("numbness", "no"), new("bladderOrBowelChange", "no")];

        var (_, page) = await NoScriptBrowsers.GetAsync(browser, "/checkin");
        var (_, fresh) = await NoScriptBrowsers.PostAsync(browser, "/checkin", "checkin", page, answers);
        fresh.ShouldContain("Saved.");
        fresh.ShouldNotContain("Rate them again");

        // The ratings were given 14 days ago.
        var id = (await AccountApi.GetAsync(api, "/api/v1/me")).Json.GetProperty("id").GetGuid();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Limber.Storage.LimberDbContext>();
            foreach (var rating in db.ProfileActivities.Where(a => a.PersonId == id))
            {
                rating.RecordedAt = rating.RecordedAt.AddDays(-14);
            }
            await db.SaveChangesAsync();
        }
        var (_, again) = await NoScriptBrowsers.GetAsync(browser, "/checkin");
        var (_, due) = await NoScriptBrowsers.PostAsync(browser, "/checkin", "checkin", again, answers);
        due.ShouldContain("<a href=\"/onboarding#activities\">Rate them again</a>");
    }

    [Fact]
    public async Task The_export_carries_the_progress_as_json_and_one_day_a_row_in_csv()
    {
        using var person = await ReadyAsync(server, "progress-export");
        (await person.PostAsync("/api/v1/me/checkins", CheckInApiTests.Body(painNow: 2))).Status.ShouldBe(HttpStatusCode.Created);
        var files = await person.ExportAsync();

        var progress = System.Text.Json.JsonDocument.Parse(files["progress.json"]).RootElement;
        progress.GetProperty("pain")[0].GetProperty("pain").GetInt32().ShouldBe(2);
        var csv = files["csv/progress.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].ShouldBe("date,pain,meanOf7Days,stiffness,morningStiffnessMinutes,sessions");
        csv[1].ShouldEndWith(",2,2,4,20,0");
        files["README.txt"].ShouldContain("progress.json");

        using var newcomer = await TestPerson.CreateAsync(server, consent: true, who: "progress-export-none");
        (await newcomer.ExportAsync()).Keys.ShouldNotContain("progress.json", "no onboarding, so no progress to export");
    }
}
