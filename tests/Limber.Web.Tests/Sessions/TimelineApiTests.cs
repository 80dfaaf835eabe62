using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Web.Tests.Accounts;
using Limber.Web.Tests.Planning;
using Limber.Web.Tests.Safety;
using static Limber.Web.Tests.Planning.SessionApiTests;

namespace Limber.Web.Tests.Sessions;

/// <summary>
/// The player's side of the API over real HTTP: the day's session as steps, what "this hurts" does (safety.md section 4)
/// and the reports sent back with the session, and the player page's own cookie access to the API.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class TimelineApiTests(AccountServer server) : IDisposable
{
    private const string Timeline = "/api/v1/me/routine/timeline";
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    private static readonly string[] Kinds = ["get-ready", "hold", "reps", "rest", "switch-side", "transition"];

    private static JsonObject Stop(string symptom, string? exerciseId, int? painScore = null, DateTimeOffset? at = null) => new()
    {
        ["exerciseId"] = exerciseId,
        ["symptom"] = symptom,
        ["painScore"] = painScore,
        // Now by default: a report made before the last screen was answered has been dealt with by it.
        ["at"] = (at ?? DateTimeOffset.UtcNow).ToString("O"),
    };

    private static JsonObject WithStops(JsonObject session, params JsonObject[] stops)
    {
        session["stops"] = new JsonArray([.. stops]);
        return session;
    }

    private static string FirstExercise(JsonElement routine) => routine.GetProperty("items")[0].GetProperty("exerciseId").GetString()!;

    private static JsonElement Choice(JsonElement timeline, string symptom) =>
        timeline.GetProperty("stopChoices").EnumerateArray().Single(c => c.GetProperty("symptom").GetString() == symptom);

    [Fact]
    public async Task The_timeline_plays_the_days_routine_in_order_and_adds_up_to_its_time()
    {
        using var person = await ReadyAsync(server, "timeline");
        var routine = await RoutineAsync(person);
        var answer = await person.GetAsync(Timeline);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var timeline = answer.Json;

        timeline.GetProperty("date").GetString().ShouldBe(routine.GetProperty("date").GetString());
        var steps = timeline.GetProperty("steps").EnumerateArray().ToList();
        steps.Sum(s => s.GetProperty("seconds").GetInt32()).ShouldBe(timeline.GetProperty("totalSeconds").GetInt32());
        timeline.GetProperty("totalSeconds").GetInt32().ShouldBe(routine.GetProperty("totalSeconds").GetInt32());
        steps.ShouldAllBe(s => Kinds.Contains(s.GetProperty("kind").GetString()) && s.GetProperty("seconds").GetInt32() > 0);
        steps.Select(s => s.GetProperty("exerciseId").GetString()).Distinct()
            .ShouldBe(routine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("exerciseId").GetString()));
        steps[0].GetProperty("kind").GetString().ShouldBe("get-ready");

        var exercises = timeline.GetProperty("exercises").EnumerateArray().ToList();
        exercises.Select(e => e.GetProperty("id").GetString())
            .ShouldBe(routine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("exerciseId").GetString()));
        foreach (var exercise in exercises)
        {
            var figure = await person.GetAsync(exercise.GetProperty("figure").GetString()!);
            figure.Status.ShouldBe(HttpStatusCode.OK);
            figure.MediaType.ShouldBe("image/svg+xml");
            if (exercise.TryGetProperty("easier", out var easier))
            {
                easier.GetProperty("steps").EnumerateArray().Sum(s => s.GetProperty("seconds").GetInt32()).ShouldBe(easier.GetProperty("seconds").GetInt32());
            }
        }

        // Every report the player offers, the most serious first, and what pain of each score does.
        timeline.GetProperty("stopChoices").EnumerateArray().Select(c => c.GetProperty("symptom").GetString()).ToList()[0].ShouldBe("emergencySymptom");
        Choice(timeline, "emergencySymptom").GetProperty("action").GetString().ShouldBe("stopSessionAndRunEmergencyItems");
        Choice(timeline, "sharpPain").GetProperty("ruleId").GetString().ShouldBe("stop.sharp_pain");
        var pain = timeline.GetProperty("painDuring").EnumerateArray().ToList();
        pain.Select(p => p.GetProperty("score").GetInt32()).ShouldBe(Enumerable.Range(0, 11));
        pain[5].GetProperty("action").GetString().ShouldBe("continueAskAtCheckIn");
        pain[6].GetProperty("action").GetString().ShouldBe("stopSetRegressNextSession");
        timeline.GetProperty("recheckUrl").GetString().ShouldBe("/screen/recheck");

        var tomorrow = DateOnly.Parse(routine.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(1);
        var next = await person.GetAsync($"{Timeline}?date={tomorrow:yyyy-MM-dd}");
        next.Status.ShouldBe(HttpStatusCode.OK, next.ToString());
        next.Json.GetProperty("date").GetString().ShouldBe($"{tomorrow:yyyy-MM-dd}");
    }

    [Fact]
    public async Task Sessions_ahead_are_given_only_up_to_the_day_the_weekly_questions_come_round()
    {
        using var person = await ReadyAsync(server, "timeline-ahead");
        var today = DateOnly.Parse((await RoutineAsync(person)).GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        (await person.GetAsync("/api/v1/me/program")).Status.ShouldBe(HttpStatusCode.OK, "a program runs, so the weekly questions apply");

        (await person.GetAsync($"{Timeline}?date={today.AddDays(6):yyyy-MM-dd}")).Status.ShouldBe(HttpStatusCode.OK);
        var refused = await person.GetAsync($"{Timeline}?date={today.AddDays(7):yyyy-MM-dd}");
        refused.ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!.ShouldContain("warning-sign questions come first");
    }

    [Fact]
    public async Task No_timeline_without_consent_before_the_screen_or_with_a_bad_date()
    {
        using var noConsent = await TestPerson.CreateAsync(server, who: "timeline-no-consent");
        (await noConsent.GetAsync(Timeline)).ShouldBeProblem(HttpStatusCode.Forbidden);

        using var unscreened = await TestPerson.CreateAsync(server, consent: true, who: "timeline-unscreened");
        (await unscreened.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        var refused = await unscreened.GetAsync(Timeline);
        refused.ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!.ShouldContain("warning-sign questions");

        using var ready = await ReadyAsync(server, "timeline-bad-date");
        (await ready.GetAsync($"{Timeline}?date=24-11-2026")).ShouldNameField("date");
        (await ready.GetAsync($"{Timeline}?day=2026-11-24")).ShouldNameField("day");
        (await AccountApi.GetAsync(ready.Anonymous, Timeline)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reports_made_during_a_session_are_stored_with_the_rule_that_answered_them()
    {
        using var person = await ReadyAsync(server, "stops-stored");
        var routine = await RoutineAsync(person);
        var id = FirstExercise(routine);
        var body = WithStops(Session(routine), Stop("painDuringExercise", id, 4), Stop("sharpPain", id, at: DateTimeOffset.UtcNow.AddSeconds(1)));

        var stored = await PostAsync(person, body, "stops-1");
        stored.Status.ShouldBe(HttpStatusCode.Created, stored.ToString());
        var stops = stored.Json.GetProperty("stops").EnumerateArray().ToList();
        stops.Select(s => (s.GetProperty("symptom").GetString(), s.GetProperty("ruleId").GetString(), s.GetProperty("action").GetString(), s.GetProperty("raises").GetString()))
            .ShouldBe([
                ("painDuringExercise", "stop.pain_3_to_5", "continueAskAtCheckIn", "none"),
                ("sharpPain", "stop.sharp_pain", "stopExerciseOfferEasierOrSkip", "none"),
            ]);
        stops[0].GetProperty("painScore").GetInt32().ShouldBe(4);
        stops[0].GetProperty("exerciseId").GetString().ShouldBe(id);

        // The same session with its reports again stores nothing new; the same key with another report is refused.
        (await PostAsync(person, body, "stops-1")).Status.ShouldBe(HttpStatusCode.OK);
        var changed = WithStops(Session(routine), Stop("painDuringExercise", id, 5));
        changed["startedAt"] = body["startedAt"]!.DeepClone();
        changed["finishedAt"] = body["finishedAt"]!.DeepClone();
        (await PostAsync(person, changed, "stops-1")).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var listed = await person.GetAsync("/api/v1/me/sessions");
        listed.Json.GetProperty("sessions").EnumerateArray().Single().GetProperty("stops").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_second_sharp_pain_within_7_days_gives_routine_and_gentle_options_first()
    {
        using var person = await ReadyAsync(server, "stops-sharp");
        var routine = await RoutineAsync(person);
        routine.GetProperty("gentleOptionsOnly").GetBoolean().ShouldBeFalse();
        var id = FirstExercise(routine);

        var first = await PostAsync(person, WithStops(Session(routine), Stop("sharpPain", id)), "sharp-1");
        first.Status.ShouldBe(HttpStatusCode.Created, first.ToString());
        // The player now says what a second one would mean.
        Choice((await person.GetAsync(Timeline)).Json, "sharpPain").GetProperty("ruleId").GetString().ShouldBe("stop.sharp_pain_twice_in_7_days");

        var second = await PostAsync(person, WithStops(Session(routine), Stop("sharpPain", id)), "sharp-2");
        second.Status.ShouldBe(HttpStatusCode.Created, second.ToString());
        var stop = second.Json.GetProperty("stops").EnumerateArray().Single();
        stop.GetProperty("ruleId").GetString().ShouldBe("stop.sharp_pain_twice_in_7_days");
        stop.GetProperty("raises").GetString().ShouldBe("routine");

        var after = await RoutineAsync(person);
        after.GetProperty("gentleOptionsOnly").GetBoolean().ShouldBeTrue("a report that gave routine means gentle options first");
    }

    [Fact]
    public async Task A_stop_that_asks_the_emergency_items_holds_the_next_routine_until_they_are_answered()
    {
        using var person = await ReadyAsync(server, "stops-emergency");
        var routine = await RoutineAsync(person);
        var stored = await PostAsync(person, WithStops(Session(routine), Stop("numbnessBothLegsOrSaddle", FirstExercise(routine))), "emergency-1");
        stored.Status.ShouldBe(HttpStatusCode.Created, stored.ToString());
        stored.Json.GetProperty("stops")[0].GetProperty("action").GetString().ShouldBe("stopSessionAndRunEmergencyItems");

        var held = await person.GetAsync("/api/v1/me/routine");
        held.ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!.ShouldContain("/api/v1/me/screens/recheck");
        (await person.GetAsync(Timeline)).Status.ShouldBe(HttpStatusCode.Conflict);

        (await person.PostAsync("/api/v1/me/screens/recheck", RecheckApiTests.Answers())).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync(Timeline)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pain_above_5_during_an_exercise_steps_that_exercise_back_whatever_the_feedback_said()
    {
        using var person = await ReadyAsync(server, "stops-regress");
        var routine = await RoutineAsync(person);
        var id = FirstExercise(routine);
        var stored = await PostAsync(person, WithStops(Session(routine, feedback: "aboutRight", worstPain: 1), Stop("painDuringExercise", id, 7)), "regress-stop");
        stored.Status.ShouldBe(HttpStatusCode.Created, stored.ToString());

        var dose = stored.Json.GetProperty("doses").EnumerateArray().Single(d => d.GetProperty("exerciseId").GetString() == id);
        dose.GetProperty("level").GetInt32().ShouldBe(-1);
        dose.GetProperty("ruleId").GetString().ShouldBe("progress.regress_worst_pain");
        dose.GetProperty("reason").GetString()!.ShouldContain("7 out of 10");
        stored.Json.GetProperty("doses").EnumerateArray().Where(d => d.GetProperty("exerciseId").GetString() != id)
            .ShouldAllBe(d => d.GetProperty("level").GetInt32() == 0);
    }

    [Fact]
    public async Task Each_bad_report_is_named_and_nothing_is_stored()
    {
        using var person = await ReadyAsync(server, "stops-bad");
        var routine = await RoutineAsync(person);
        var id = FirstExercise(routine);

        (await PostAsync(person, WithStops(Session(routine), Stop("backache", id)), "bad-1")).ShouldNameField("stops[0].symptom");
        (await PostAsync(person, WithStops(Session(routine), Stop("painDuringExercise", id)), "bad-2")).ShouldNameField("stops[0].painScore");
        (await PostAsync(person, WithStops(Session(routine), Stop("painDuringExercise", id, 11)), "bad-3")).ShouldNameField("stops[0].painScore");
        (await PostAsync(person, WithStops(Session(routine), Stop("sharpPain", "no-such-exercise")), "bad-4")).ShouldNameField("stops[0].exerciseId");
        (await PostAsync(person, WithStops(Session(routine), Stop("sharpPain", id, at: DateTimeOffset.UtcNow.AddHours(2))), "bad-5")).ShouldNameField("stops[0].at");
        var noSymptom = Stop("sharpPain", id);
        noSymptom.Remove("symptom");
        noSymptom["feeling"] = "bad";
        var answer = await PostAsync(person, WithStops(Session(routine), noSymptom), "bad-6");
        answer.ShouldNameField("stops[0].symptom");
        answer.ShouldNameField("stops[0].feeling");
        var notAList = Session(routine);
        notAList["stops"] = "sharp";
        (await PostAsync(person, notAList, "bad-7")).ShouldNameField("stops");

        (await person.GetAsync("/api/v1/me/sessions")).Json.GetProperty("sessions").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_player_page_reaches_the_api_with_its_cookie_only_when_it_says_it_is_the_player()
    {
        var (browser, api) = await _browsers.SignedUpAsync("player-cookie");
        await NoScriptBrowsers.OnboardAsync(api);

        // The cookie alone does not open the API: a page on another site could make the browser send it.
        (await AccountApi.GetAsync(browser, Timeline)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var timeline = await PlayerAsync(browser, HttpMethod.Get, Timeline);
        timeline.Status.ShouldBe(HttpStatusCode.OK, timeline.ToString());

        var routine = (await AccountApi.GetAsync(api, "/api/v1/me/routine")).Json;
        var session = Session(routine);
        using (var bare = new HttpRequestMessage(HttpMethod.Post, AccountApi.Path("/api/v1/me/sessions")) { Content = Json(session) })
        {
            bare.Headers.Add("Idempotency-Key", "cookie-1");
            using var refused = await browser.SendAsync(bare);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var stored = await PlayerAsync(browser, HttpMethod.Post, "/api/v1/me/sessions", session, "cookie-1");
        stored.Status.ShouldBe(HttpStatusCode.Created, stored.ToString());
        (await AccountApi.GetAsync(api, "/api/v1/me/sessions")).Json.GetProperty("sessions").GetArrayLength().ShouldBe(1);

        // Signed out, the player's call answers 401 rather than a redirect to the sign-in page.
        var stranger = _browsers.New();
        (await PlayerAsync(stranger, HttpMethod.Get, Timeline)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static async Task<ApiAnswer> PlayerAsync(HttpClient browser, HttpMethod method, string path, JsonNode? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, AccountApi.Path(path)) { Content = body is null ? null : Json(body) };
        request.Headers.Add("X-Limber-Client", "player");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        using var response = await browser.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, System.Text.Encoding.UTF8.GetString(bytes), response.Headers, bytes);
    }
}
