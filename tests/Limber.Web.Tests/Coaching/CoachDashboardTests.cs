using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Coaching;
using Limber.Web.Tests.Accounts;
using static Limber.Web.Tests.Coaching.Coaches;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// The coach dashboard over real HTTP (issue 10): a row per client with adherence, the pain trend, every kind of flag and
/// the last session, sorted by who needs attention first; what a client does not share is "notShared", never guessed;
/// and every look writes one audit event per client, which the client sees in their log.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class CoachDashboardTests(AccountServer server)
{
    private const string Dashboard = "/api/v1/coach/clients";

    private static async Task<JsonElement[]> RowsAsync(TestCoach coach)
    {
        var answer = await coach.Person.GetAsync(Dashboard);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return [.. answer.Json.GetProperty("clients").EnumerateArray()];
    }

    private static JsonElement Row(JsonElement[] rows, string label) => rows.Single(r => r.GetProperty("label").GetString() == label);

    private static string[] Kinds(JsonElement row) => [.. row.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("kind").GetString()!)];

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public Task Flags_and_the_order_of_attention_on_SQLite() => FlagsAndOrderAsync(server);

    [Fact]
    public async Task Flags_and_the_order_of_attention_on_PostgreSQL()
    {
        await using var database = await ScratchPostgres.CreateAsync("limber_coach");
        if (database is null)
        {
            return;
        }
        using var onPostgres = AccountServer.With(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "Postgres",
            [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
        });
        await FlagsAndOrderAsync(onPostgres);
    }

    /// <summary>
    /// Ten clients, each with one thing to flag (or none), labelled so that the alphabet alone would give another order:
    /// emergency and urgent screens first, then a stop, then not improving / review / a routine screen, then a dose made
    /// easier, then few sessions, then the rest by label.
    /// </summary>
    private static async Task FlagsAndOrderAsync(AccountServer server)
    {
        using var coach = await CoachAsync(server);
        var today = Today;
        var now = DateTimeOffset.UtcNow;

        using var ada = await ClientAsync(server, "ada");
        await ada.StoreScreenAsync(AccountApi.EmergencyScreen());
        await LinkAsync(server, coach, ada, "Ada emergency");

        using var bea = await ClientAsync(server, "bea");
        await bea.StoreScreenAsync(AccountApi.UrgentScreen());
        await LinkAsync(server, coach, bea, "Bea urgent");

        using var cal = await ClientAsync(server, "cal");
        var calRoutine = await RoutineAsync(cal);
        var first = calRoutine.GetProperty("items")[0].GetProperty("exerciseId").GetString();
        await SessionAsync(cal, calRoutine, today, stops: new JsonArray(new JsonObject
        {
            ["exerciseId"] = first, ["symptom"] = "sharpPain", ["at"] = now.AddMinutes(-5).ToString("O"),
        }));
        await LinkAsync(server, coach, cal, "Cal stopped");

        using var dee = await ClientAsync(server, "dee");
        await LinkAsync(server, coach, dee, "Dee not improving");
        await BackdateAsync(server, dee.Id, 30);
        await CheckInAsync(server, dee.Id, today, pain: 4);

        using var eve = await ClientAsync(server, "eve");
        await SessionAsync(eve, await RoutineAsync(eve), today, worstPain: 7);
        await LinkAsync(server, coach, eve, "Eve review");

        using var fay = await ClientAsync(server, "fay");
        await fay.StoreScreenAsync(AccountApi.RoutineScreen());
        await LinkAsync(server, coach, fay, "Fay routine screen");

        using var gus = await ClientAsync(server, "gus");
        await SessionAsync(gus, await RoutineAsync(gus), today, worstPain: 7, firstOnly: true);
        await LinkAsync(server, coach, gus, "Gus made easier");

        using var hal = await ClientAsync(server, "hal");
        await SessionAsync(hal, await RoutineAsync(hal), today);
        await LinkAsync(server, coach, hal, "Hal few sessions");
        await BackdateAsync(server, hal.Id, 10);

        using var ivy = await ClientAsync(server, "ivy");
        var ivyRoutine = await RoutineAsync(ivy);
        for (var back = 0; back < 5; back++)
        {
            await SessionAsync(ivy, ivyRoutine, today.AddDays(-back));
        }
        await SessionAsync(ivy, ivyRoutine, today.AddDays(-5), finished: false);
        await LinkAsync(server, coach, ivy, "Ivy steady");
        await BackdateAsync(server, ivy.Id, 10);

        using var abe = await ClientAsync(server, "abe");
        await LinkAsync(server, coach, abe, "Abe nothing");

        var rows = await RowsAsync(coach);
        rows.Select(r => r.GetProperty("label").GetString()).ShouldBe(
        [
            "Ada emergency", "Bea urgent", "Cal stopped", "Dee not improving", "Eve review", "Fay routine screen",
            "Gus made easier", "Hal few sessions", "Abe nothing", "Ivy steady",
        ]);
        rows.Select(r => r.GetProperty("attention").GetProperty("rank").GetInt32()).ShouldBe([1, 1, 2, 3, 3, 3, 4, 5, 6, 6]);

        var emergency = Row(rows, "Ada emergency").GetProperty("flags")[0];
        (emergency.GetProperty("kind").GetString(), emergency.GetProperty("level").GetString()).ShouldBe(("screen", "emergency"));
        emergency.GetProperty("title").GetString()!.ShouldContain("not yet confirmed cleared to exercise");
        emergency.GetProperty("details").EnumerateArray().Select(d => d.GetString()).ShouldContain(d => d!.Contains("numbness", StringComparison.OrdinalIgnoreCase));
        Row(rows, "Bea urgent").GetProperty("flags")[0].GetProperty("level").GetString().ShouldBe("urgent");

        var stop = Row(rows, "Cal stopped").GetProperty("flags").EnumerateArray().Single();
        stop.GetProperty("kind").GetString().ShouldBe("stop");
        stop.GetProperty("title").GetString().ShouldBe("Stopped once in the last 14 days");
        stop.GetProperty("details")[0].GetString()!.ShouldContain("sharp, stabbing or electric pain");

        var dees = Row(rows, "Dee not improving");
        Kinds(dees).ShouldBe(["notImproving", "lowAdherence"]);
        dees.GetProperty("flags")[0].GetProperty("level").GetString().ShouldBe("routine");
        dees.GetProperty("flags")[0].GetProperty("details")[0].GetString()!.ShouldContain("week 5");

        Kinds(Row(rows, "Eve review")).ShouldBe(["reviewSuggested", "regression"]);
        Kinds(Row(rows, "Fay routine screen")).ShouldBe(["screen"]);
        Row(rows, "Fay routine screen").GetProperty("flags")[0].GetProperty("level").GetString().ShouldBe("routine");

        var gusFlag = Row(rows, "Gus made easier").GetProperty("flags").EnumerateArray().Single();
        gusFlag.GetProperty("kind").GetString().ShouldBe("regression");
        gusFlag.GetProperty("details")[0].GetString()!.ShouldContain("worst pain 7 out of 10");

        var hals = Row(rows, "Hal few sessions");
        Kinds(hals).ShouldBe(["lowAdherence"]);
        hals.GetProperty("adherence").GetProperty("last7Days").GetProperty("daysDone").GetInt32().ShouldBe(1);

        Kinds(Row(rows, "Abe nothing")).ShouldBeEmpty();
        Row(rows, "Abe nothing").GetProperty("attention").GetProperty("reason").GetString().ShouldBe("Nothing flagged");

        // Adherence counts finished sessions on distinct days, from the later of the link's and the program's start.
        var ivys = Row(rows, "Ivy steady");
        Kinds(ivys).ShouldBeEmpty();
        var adherence = ivys.GetProperty("adherence");
        adherence.GetProperty("status").GetString().ShouldBe("shown");
        (adherence.GetProperty("last7Days").GetProperty("daysDone").GetInt32(), adherence.GetProperty("last7Days").GetProperty("days").GetInt32(),
            adherence.GetProperty("last7Days").GetProperty("percent").GetInt32()).ShouldBe((5, 7, 71));
        (adherence.GetProperty("last28Days").GetProperty("daysDone").GetInt32(), adherence.GetProperty("last28Days").GetProperty("days").GetInt32())
            .ShouldBe((5, 11), "the program and the link began 10 days ago");
        ivys.GetProperty("lastSession").GetProperty("date").GetString().ShouldBe(Day(today));
        // A client linked today: a window of one day.
        var abes = Row(rows, "Abe nothing").GetProperty("adherence").GetProperty("last7Days");
        (abes.GetProperty("daysDone").GetInt32(), abes.GetProperty("days").GetInt32()).ShouldBe((0, 1));
        Row(rows, "Abe nothing").GetProperty("lastSession").GetProperty("status").GetString().ShouldBe("shown");
        Row(rows, "Abe nothing").GetProperty("lastSession").TryGetProperty("date", out _).ShouldBeFalse("no session yet");
    }

    [Fact]
    public async Task The_pain_trend_compares_the_last_7_days_with_the_7_before_and_with_the_start_by_2_points_or_30_percent()
    {
        using var coach = await CoachAsync(server);
        var today = Today;
        async Task ClientWithAsync(string label, int before, int lately)
        {
            using var client = await ClientAsync(server, "pain");
            await LinkAsync(server, coach, client, label);
            for (var back = 0; back < 14; back++)
            {
                await CheckInAsync(server, client.Id, today.AddDays(-back), back < 7 ? lately : before);
            }
        }
        await ClientWithAsync("Better lately", before: 6, lately: 3);
        await ClientWithAsync("Worse lately", before: 2, lately: 6);
        await ClientWithAsync("Same lately", before: 4, lately: 4);
        using var silent = await ClientAsync(server, "pain-none");
        await LinkAsync(server, coach, silent, "No check-ins");

        var rows = await RowsAsync(coach);
        var better = Row(rows, "Better lately").GetProperty("painTrend");
        (better.GetProperty("meanLast7Days").GetDouble(), better.GetProperty("meanPrevious7Days").GetDouble(), better.GetProperty("baselinePain").GetInt32())
            .ShouldBe((3.0, 6.0, 4));
        // 3 against a start of 4: 1 point and 25 %, not a meaningful change.
        (better.GetProperty("comparedWithPrevious").GetString(), better.GetProperty("comparedWithBaseline").GetString()).ShouldBe(("better", "same"));
        var worse = Row(rows, "Worse lately").GetProperty("painTrend");
        (worse.GetProperty("comparedWithPrevious").GetString(), worse.GetProperty("comparedWithBaseline").GetString()).ShouldBe(("worse", "worse"));
        var same = Row(rows, "Same lately").GetProperty("painTrend");
        (same.GetProperty("comparedWithPrevious").GetString(), same.GetProperty("comparedWithBaseline").GetString()).ShouldBe(("same", "same"));
        var none = Row(rows, "No check-ins").GetProperty("painTrend");
        none.GetProperty("status").GetString().ShouldBe("shown");
        none.TryGetProperty("meanLast7Days", out _).ShouldBeFalse();
        none.TryGetProperty("comparedWithBaseline", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Not_improving_agrees_with_the_clients_own_watch_over_weeks_of_activity_ratings()
    {
        using var coach = await CoachAsync(server);
        async Task<TestPerson> RatedAsync(string label, int[] lately)
        {
            var client = await ClientAsync(server, "watch");
            await LinkAsync(server, coach, client, label);
            // Rated at onboarding (6, 5, 7) five weeks ago, once more three weeks ago, and again now.
            await ShiftRatingsAsync(client.Id, 35);
            await RateAsync(client, 6, 5, 8);
            await ShiftRatingsAsync(client.Id, 20);
            await RateAsync(client, lately);
            await BackdateAsync(server, client.Id, 35);
            await CheckInAsync(server, client.Id, Today, pain: 4);
            return client;
        }
        using var improved = await RatedAsync("Doing more", [9, 8, 9]);
        using var flat = await RatedAsync("Same as before", [6, 5, 8]);

        var rows = await RowsAsync(coach);
        Kinds(Row(rows, "Doing more")).ShouldNotContain("notImproving");
        Kinds(Row(rows, "Same as before")).ShouldContain("notImproving");
        (await improved.GetAsync("/api/v1/me/progress")).Json.GetProperty("watch").GetProperty("disposition").GetString().ShouldBe("none");
        (await flat.GetAsync("/api/v1/me/progress")).Json.GetProperty("watch").GetProperty("disposition").GetString().ShouldBe("routine");
    }

    private static async Task RateAsync(TestPerson client, params int[] scores)
    {
        var body = Planning.ProfileApiTests.Body();
        for (var i = 0; i < scores.Length; i++)
        {
            body["activities"]![i]!["score"] = scores[i];
        }
        (await client.SendAsync(HttpMethod.Put, "/api/v1/me/profile", body)).Status.ShouldBe(HttpStatusCode.OK);
    }

    private Task ShiftRatingsAsync(Guid clientId, int days) =>
        WithDbAsync(server, async db =>
        {
            foreach (var rating in db.ProfileActivities.Where(a => a.PersonId == clientId))
            {
                rating.RecordedAt = rating.RecordedAt.AddDays(-days);
            }
            await db.SaveChangesAsync();
        });

    [Theory]
    [InlineData(4, 2.0, "better")]   // 2 points
    [InlineData(4, 2.5, "better")]   // 1.5 points, but 37.5 %
    [InlineData(10, 7.0, "better")]  // 3 points
    [InlineData(10, 8.5, "same")]    // 1.5 points, 15 %
    [InlineData(3, 2.0, "better")]   // 1 point, 33 %
    [InlineData(3, 4.0, "worse")]    // 1 point, 33 %
    [InlineData(5, 6.0, "same")]     // 1 point, 20 %
    [InlineData(0, 0.5, "worse")]    // from nothing, any pain is more than 30 %
    [InlineData(0, 0.0, "same")]
    public void A_meaningful_change_is_2_points_or_30_percent(double before, double now, string expected)
    {
        var word = CoachDashboard.Compare(before, now) switch
        {
            PainDirection.Better => "better",
            PainDirection.Same => "same",
            PainDirection.Worse => "worse",
        };
        word.ShouldBe(expected);
    }

    [Fact]
    public async Task What_a_client_does_not_share_shows_as_not_shared_and_flags_nothing_from_it()
    {
        using var coach = await CoachAsync(server);
        async Task<TestPerson> EventfulAsync(string who)
        {
            var client = await ClientAsync(server, who);
            var routine = await RoutineAsync(client);
            await SessionAsync(client, routine, Today, stops: new JsonArray(new JsonObject
            {
                ["exerciseId"] = routine.GetProperty("items")[0].GetProperty("exerciseId").GetString(),
                ["symptom"] = "painDuringExercise", ["painScore"] = 7, ["at"] = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O"),
            }));
            (await client.PostAsync("/api/v1/me/checkins", Planning.CheckInApiTests.Body(painNow: 5))).Status.ShouldBe(HttpStatusCode.Created);
            // Last: an urgent outcome pauses routines, so the session came first.
            await client.StoreScreenAsync(AccountApi.UrgentScreen());
            return client;
        }
        using var noProgress = await EventfulAsync("no-progress");
        await LinkAsync(server, coach, noProgress, "No progress", new CoachShares(false, true, true, true));
        using var noSessions = await EventfulAsync("no-sessions");
        await LinkAsync(server, coach, noSessions, "No sessions", new CoachShares(true, false, true, true));
        using var noScreens = await EventfulAsync("no-screens");
        await LinkAsync(server, coach, noScreens, "No screens", new CoachShares(true, true, false, true));
        using var noProgram = await EventfulAsync("no-program");
        await LinkAsync(server, coach, noProgram, "No program", new CoachShares(true, true, true, false));
        using var nothing = await EventfulAsync("nothing");
        await LinkAsync(server, coach, nothing, "Nothing", CoachShares.None);
        using var withdrawn = await EventfulAsync("withdrawn");
        await LinkAsync(server, coach, withdrawn, "Consent withdrawn");
        (await withdrawn.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent);

        var rows = await RowsAsync(coach);
        string Status(JsonElement row, string part) => row.GetProperty(part).GetProperty("status").GetString()!;
        string[] NotShared(JsonElement row) => [.. row.GetProperty("notShared").EnumerateArray().Select(k => k.GetString()!)];

        var p = Row(rows, "No progress");
        (Status(p, "painTrend"), Status(p, "adherence"), Status(p, "lastSession")).ShouldBe(("notShared", "shown", "shown"));
        p.GetProperty("painTrend").TryGetProperty("meanLast7Days", out _).ShouldBeFalse("never guessed");
        NotShared(p).ShouldBe(["progress"]);
        Kinds(p).ShouldBe(["screen", "stop", "regression"]);
        p.GetProperty("shares").GetProperty("progress").GetBoolean().ShouldBeFalse();

        var s = Row(rows, "No sessions");
        (Status(s, "painTrend"), Status(s, "adherence"), Status(s, "lastSession")).ShouldBe(("shown", "notShared", "notShared"));
        NotShared(s).ShouldBe(["sessions"]);
        // The program alone still shows the dose made easier, without the session's details; the stop is sessions' own.
        Kinds(s).ShouldBe(["screen", "regression"]);
        var easier = s.GetProperty("flags")[1].GetProperty("details")[0].GetString()!;
        easier.ShouldNotContain("pain");
        Row(rows, "No program").GetProperty("flags")[2].GetProperty("details")[0].GetString()!.ShouldContain("worst pain 7 out of 10");

        var sc = Row(rows, "No screens");
        NotShared(sc).ShouldBe(["screens"]);
        Kinds(sc).ShouldBe(["stop", "regression"]);

        var pr = Row(rows, "No program");
        NotShared(pr).ShouldBe(["program"]);
        Kinds(pr).ShouldBe(["screen", "stop", "regression"]);

        foreach (var label in new[] { "Nothing", "Consent withdrawn" })
        {
            var row = Row(rows, label);
            (Status(row, "painTrend"), Status(row, "adherence"), Status(row, "lastSession")).ShouldBe(("notShared", "notShared", "notShared"), label);
            NotShared(row).ShouldBe(["progress", "sessions", "screens", "program"], label);
            Kinds(row).ShouldBeEmpty(label);
            row.GetProperty("attention").GetProperty("rank").GetInt32().ShouldBe(6, label);
        }
    }

    [Fact]
    public async Task Each_look_at_the_dashboard_writes_one_event_per_client_shown_which_the_client_sees()
    {
        using var coach = await CoachAsync(server);
        using var one = await ClientAsync(server, "audit-one");
        using var two = await ClientAsync(server, "audit-two");
        var linkOne = await LinkAsync(server, coach, one, "One");
        var linkTwo = await LinkAsync(server, coach, two, "Two", CoachShares.None);
        using var otherCoach = await CoachAsync(server, "other");
        using var elsewhere = await ClientAsync(server, "audit-elsewhere");
        await LinkAsync(server, otherCoach, elsewhere, "Elsewhere");

        (await RowsAsync(coach)).Length.ShouldBe(2);
        (await RowsAsync(coach)).Length.ShouldBe(2);

        (await ViewsAsync(server, one.Id)).ShouldBe([$"{CoachRecords.Subject(linkOne.Id)}/dashboard", $"{CoachRecords.Subject(linkOne.Id)}/dashboard"]);
        (await ViewsAsync(server, two.Id)).ShouldBe([$"{CoachRecords.Subject(linkTwo.Id)}/dashboard", $"{CoachRecords.Subject(linkTwo.Id)}/dashboard"]);
        (await ViewsAsync(server, elsewhere.Id)).ShouldBeEmpty("another coach's dashboard was not looked at");
        var events = await EventsAsync(server, one.Id);
        events.Where(e => e.Action == AuditEvent.CoachViewed).ShouldAllBe(e => e.ActorKind == AuditActorKind.Coach);
    }

    [Fact]
    public async Task A_clients_summary_progress_sessions_screens_and_FHIR_bundle_each_log_their_own_view()
    {
        using var coach = await CoachAsync(server);
        using var client = await ClientAsync(server, "reads");
        await client.StoreScreenAsync(AccountApi.RoutineScreen());
        (await client.PostAsync("/api/v1/me/checkins", Planning.CheckInApiTests.Body(painNow: 3))).Status.ShouldBe(HttpStatusCode.Created);
        var routine = await RoutineAsync(client);
        var exercise = routine.GetProperty("items")[0].GetProperty("exerciseId").GetString();
        await SessionAsync(client, routine, Today, stops: new JsonArray(new JsonObject
        {
            ["exerciseId"] = exercise, ["symptom"] = "sharpPain", ["at"] = DateTimeOffset.UtcNow.AddMinutes(-4).ToString("O"),
        }));
        var link = await LinkAsync(server, coach, client, "Reads");
        var path = $"/api/v1/coach/clients/{client.Id}";

        var summary = await coach.Person.GetAsync(path);
        summary.Status.ShouldBe(HttpStatusCode.OK, summary.ToString());
        summary.Json.GetProperty("client").GetProperty("label").GetString().ShouldBe("Reads");
        summary.Json.GetProperty("client").GetProperty("linkId").GetGuid().ShouldBe(link.Id);

        var progress = await coach.Person.GetAsync(path + "/progress");
        progress.Status.ShouldBe(HttpStatusCode.OK, progress.ToString());
        progress.Text.ShouldBe((await client.GetAsync("/api/v1/me/progress")).Text, "the same data the client's own progress gives");

        var sessions = await coach.Person.GetAsync(path + "/sessions");
        sessions.Status.ShouldBe(HttpStatusCode.OK, sessions.ToString());
        var session = sessions.Json.GetProperty("sessions").EnumerateArray().Single();
        session.GetProperty("exercises")[0].GetProperty("feedback").GetString().ShouldBe("aboutRight");
        session.GetProperty("exercises")[0].GetProperty("worstPain").GetInt32().ShouldBe(1);
        session.GetProperty("stops")[0].GetProperty("symptom").GetString().ShouldBe("sharpPain");
        session.GetProperty("stops")[0].GetProperty("action").GetString().ShouldBe("stopExerciseOfferEasierOrSkip");

        var screens = await coach.Person.GetAsync(path + "/screens");
        screens.Status.ShouldBe(HttpStatusCode.OK, screens.ToString());
        var latest = screens.Json.GetProperty("screens")[0];
        latest.GetProperty("disposition").GetString().ShouldBe("routine");
        latest.GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(0);
        screens.Json.GetProperty("screens").GetArrayLength().ShouldBe(2);

        var fhir = await coach.Person.GetAsync(path + "/export/fhir");
        fhir.Status.ShouldBe(HttpStatusCode.OK, fhir.ToString());
        fhir.MediaType.ShouldBe("application/fhir+json");
        fhir.Text.ShouldContain("\"QuestionnaireResponse\"");
        fhir.Text.ShouldContain("72514-3");
        fhir.Text.ShouldContain("\"CarePlan\"");
        fhir.Text.ShouldNotContain(client.Email);

        (await ViewsAsync(server, client.Id)).Reverse().ShouldBe(
            new[] { "summary", "progress", "sessions", "screens", "export-fhir" }.Select(what => $"{CoachRecords.Subject(link.Id)}/{what}"));
    }

    [Fact]
    public async Task The_FHIR_bundle_holds_only_what_is_shared()
    {
        using var coach = await CoachAsync(server);
        using var client = await ClientAsync(server, "fhir-progress");
        (await client.PostAsync("/api/v1/me/checkins", Planning.CheckInApiTests.Body(painNow: 3))).Status.ShouldBe(HttpStatusCode.Created);
        await LinkAsync(server, coach, client, "Progress only", new CoachShares(true, true, false, false));

        var fhir = await coach.Person.GetAsync($"/api/v1/coach/clients/{client.Id}/export/fhir");
        fhir.Status.ShouldBe(HttpStatusCode.OK, fhir.ToString());
        fhir.Text.ShouldContain("72514-3");
        fhir.Text.ShouldNotContain("\"QuestionnaireResponse\"");
        fhir.Text.ShouldNotContain("\"CarePlan\"");
        fhir.Text.ShouldNotContain("\"ActivityDefinition\"");
    }

    [Fact]
    public async Task A_bad_date_range_is_refused_naming_the_field_and_logs_no_view()
    {
        using var coach = await CoachAsync(server);
        using var client = await ClientAsync(server, "range");
        await LinkAsync(server, coach, client, "Range");
        var path = $"/api/v1/coach/clients/{client.Id}/sessions";

        (await coach.Person.GetAsync(path + "?from=yesterday")).ShouldNameField("from");
        (await coach.Person.GetAsync(path + "?from=2026-11-20&to=2026-11-01")).ShouldNameField("from");
        (await coach.Person.GetAsync(path + "?limit=5")).ShouldNameField("limit");
        (await ViewsAsync(server, client.Id)).ShouldBeEmpty();

        (await coach.Person.GetAsync(path + $"?from={Day(Today.AddDays(-3))}")).Status.ShouldBe(HttpStatusCode.OK);
        (await ViewsAsync(server, client.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_client_who_has_not_answered_onboarding_has_no_progress_yet()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "no-onboarding");
        await LinkAsync(server, coach, client, "New");

        (await coach.Person.GetAsync($"/api/v1/coach/clients/{client.Id}/progress")).ShouldBeProblem(HttpStatusCode.Conflict)
            .GetProperty("detail").GetString()!.ShouldContain("onboarding");
        var row = Row(await RowsAsync(coach), "New");
        row.GetProperty("programStarted").GetBoolean().ShouldBeFalse();
        Kinds(row).ShouldBeEmpty("no program: few sessions are not flagged");
    }
}
