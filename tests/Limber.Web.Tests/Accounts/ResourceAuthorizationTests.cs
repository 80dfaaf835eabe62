using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Limber.Web.Tests.Accounts.AccountApi;
using static Limber.Web.Tests.Accounts.ConsentTests;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// Authorization by resource: Ben, signed in, calls every <c>/api/v1/me</c> endpoint, with Ana's screen id wherever
/// one is taken. He gets 404 for her records, never sees her rows, and her data stays as it was. The endpoints come
/// from the served OpenAPI document, so a new endpoint without a case here fails the test.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class ResourceAuthorizationTests(AccountServer server)
{
    /// <summary>What Ana has, for Ben's cases to aim at and to check against.</summary>
    private sealed record Victim(
        TestPerson Person, Guid Emergency, Guid Urgent, Guid Session = default, Guid CheckIn = default, Guid Device = default, string FeedUrl = "",
        Coaching.TestCoach? Coach = null, Guid CoachLink = default, string CoachInvite = "")
    {
        public string[] Secrets =>
        [
            Person.Id.ToString(), Person.Id.ToString("N"), Person.Email, Emergency.ToString(), Urgent.ToString(), AnasActivity,
            Session.ToString(), CheckIn.ToString(), AnasNote, Device.ToString(), AnasEndpoint, FeedToken, CoachLink.ToString(), CoachInvite,
        ];

        /// <summary>The secret in Ana's calendar address.</summary>
        public string FeedToken => FeedUrl.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal);
    }

    /// <summary>One case per endpoint: Ben calls it (with Ana's id when it takes one) and the answer is checked.</summary>
    private static readonly Dictionary<string, Func<TestPerson, Victim, Task>> Cases = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/me"] = async (ben, ana) =>
        {
            var me = await ben.GetAsync("/api/v1/me");
            me.Json.GetProperty("id").GetGuid().ShouldBe(ben.Id);
            ShouldNotShow(me, ana);
        },
        ["DELETE /api/v1/me"] = async (ben, ana) =>
        {
            (await ben.DeleteAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.OK);
            // Ana can still sign in with her own password.
            using var http = ben.Server.CreateHttpClient();
            (await PostAsync(http, "/api/v1/auth/login", Credentials(ana.Person.Email, ana.Person.Password))).Status.ShouldBe(HttpStatusCode.OK);
        },
        ["POST /api/v1/me/sign-out-everywhere"] = async (ben, ana) =>
        {
            (await ben.PostAsync("/api/v1/me/sign-out-everywhere", "")).Status.ShouldBe(HttpStatusCode.NoContent);
            (await ana.Person.GetAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.OK, "Ana's sign-in is not Ben's to end");
            using var http = ben.Server.CreateHttpClient();
            (await PostAsync(http, "/api/v1/auth/refresh", new JsonObject { ["refreshToken"] = ana.Person.RefreshToken })).Status.ShouldBe(HttpStatusCode.OK);
        },
        ["GET /api/v1/me/export"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/export");
            answer.Status.ShouldBe(HttpStatusCode.OK);
            var everything = string.Join("\n", ReadZip(answer.Bytes).Values);
            everything.ShouldContain(ben.Id.ToString());
            foreach (var secret in ana.Secrets)
            {
                everything.ShouldNotContain(secret, Case.Insensitive);
            }
        },
        ["GET /api/v1/me/export/fhir"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/export/fhir");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.MediaType.ShouldBe("application/fhir+json");
            answer.Text.ShouldContain(ben.Id.ToString());
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/consents/health-data"] = async (ben, _) =>
            (await ben.PostAsync("/api/v1/me/consents/health-data", "")).Status.ShouldBe(HttpStatusCode.Created),
        ["DELETE /api/v1/me/consents/health-data"] = async (ben, _) =>
            (await ben.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent),
        ["POST /api/v1/me/screens"] = async (ben, ana) =>
        {
            var (screen, routines, answer) = await ben.StoreScreenAsync(Screen());
            routines.GetProperty("access").GetString().ShouldBe("continue", "Ana's lock is not Ben's");
            ShouldNotShow(answer, ana);
            (await ben.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").EnumerateArray()
                .Select(s => s.GetProperty("id").GetGuid()).ShouldBe([screen.GetProperty("id").GetGuid()]);
        },
        ["GET /api/v1/me/screens"] = async (ben, ana) =>
        {
            await ben.StoreScreenAsync(Screen());
            var list = await ben.GetAsync("/api/v1/me/screens");
            list.Json.GetProperty("screens").GetArrayLength().ShouldBe(1);
            list.Json.GetProperty("routines").GetProperty("access").GetString().ShouldBe("continue");
            ShouldNotShow(list, ana);
        },
        ["POST /api/v1/me/screens/recheck"] = async (ben, ana) =>
        {
            // Ana has screens; Ben has none, so there is nothing of his to recheck, and nothing of hers is used.
            var none = await ben.PostAsync("/api/v1/me/screens/recheck", Safety.RecheckApiTests.Answers());
            none.ShouldBeProblem(HttpStatusCode.Conflict);
            ShouldNotShow(none, ana);

            var (own, _, _) = await ben.StoreScreenAsync(Screen(age: 33));
            var answer = await ben.PostAsync("/api/v1/me/screens/recheck", Safety.RecheckApiTests.Answers());
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            ShouldNotShow(answer, ana);
            answer.Json.GetProperty("screen").GetProperty("age").GetInt32().ShouldBe(33, "built on Ben's own screen");
            answer.Json.GetProperty("routines").GetProperty("access").GetString().ShouldBe("continue", "Ana's lock is not Ben's");
            (await ben.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").EnumerateArray()
                .Select(s => s.GetProperty("id").GetGuid())
                .ShouldBe([answer.Json.GetProperty("screen").GetProperty("id").GetGuid(), own.GetProperty("id").GetGuid()]);
        },
        ["GET /api/v1/me/screens/{id}"] = async (ben, ana) =>
        {
            foreach (var id in new[] { ana.Emergency, ana.Urgent })
            {
                var answer = await ben.GetAsync($"/api/v1/me/screens/{id}");
                answer.ShouldBeProblem(HttpStatusCode.NotFound);
                ShouldNotShow(answer, ana);
            }
        },
        ["POST /api/v1/me/screens/{id}/confirmation"] = async (ben, ana) =>
        {
            foreach (var (id, kind) in new[] { (ana.Emergency, "clearedToExercise"), (ana.Emergency, "seen"), (ana.Urgent, "seen") })
            {
                var answer = await ben.ConfirmAsync(id, kind, "Ben confirms for Ana");
                answer.ShouldBeProblem(HttpStatusCode.NotFound);
                ShouldNotShow(answer, ana);
            }
        },
        ["GET /api/v1/me/profile"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/profile");
            answer.ShouldBeProblem(HttpStatusCode.NotFound);
            ShouldNotShow(answer, ana);
        },
        ["PUT /api/v1/me/profile"] = async (ben, ana) =>
        {
            var body = Planning.ProfileApiTests.Body();
            body["activities"]![0]!["name"] = "Ben's own activity";
            var answer = await ben.SendAsync(HttpMethod.Put, "/api/v1/me/profile", body);
            answer.Status.ShouldBe(HttpStatusCode.Created, "Ben gets a profile of his own, not Ana's");
            ShouldNotShow(answer, ana);
            var read = await ben.GetAsync("/api/v1/me/profile");
            read.Text.ShouldNotContain(AnasActivity);
            ShouldNotShow(read, ana);
        },
        ["GET /api/v1/me/routine"] = async (ben, ana) =>
        {
            // Ana has a profile; Ben has none, so there is no routine of his to plan, and nothing of hers shows.
            var answer = await ben.GetAsync("/api/v1/me/routine");
            answer.ShouldBeProblem(HttpStatusCode.Conflict);
            ShouldNotShow(answer, ana);
        },
        ["GET /api/v1/me/routine/timeline"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/routine/timeline");
            answer.ShouldBeProblem(HttpStatusCode.Conflict);
            ShouldNotShow(answer, ana);
        },
        ["GET /api/v1/me/progress"] = async (ben, ana) =>
        {
            // Ben has no profile, so he has no progress; nothing of Ana's shows.
            var answer = await ben.GetAsync("/api/v1/me/progress");
            answer.ShouldBeProblem(HttpStatusCode.Conflict);
            ShouldNotShow(answer, ana);
        },
        ["GET /api/v1/me/desk-breaks"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/desk-breaks");
            answer.ShouldBeProblem(HttpStatusCode.Conflict);
            ShouldNotShow(answer, ana);
        },
        ["GET /api/v1/me/program"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/program");
            answer.ShouldBeProblem(HttpStatusCode.Conflict);
            ShouldNotShow(answer, ana);
        },
        ["DELETE /api/v1/me/program/coach"] = async (ben, ana) =>
        {
            // Ben follows no coach's program, so there is nothing of his to leave; nothing of Ana's is touched or shown.
            var answer = await ben.DeleteAsync("/api/v1/me/program/coach");
            answer.ShouldBeProblem(HttpStatusCode.NotFound);
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/checkins"] = async (ben, ana) =>
        {
            // Ana checked in today; Ben's check-in of the same day is his first (201), not a replacement of hers.
            var answer = await ben.PostAsync("/api/v1/me/checkins", Planning.CheckInApiTests.Body());
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            ShouldNotShow(answer, ana);
            var list = await ben.GetAsync("/api/v1/me/checkins");
            list.Json.GetProperty("checkIns").EnumerateArray().Select(c => c.GetProperty("id").GetGuid())
                .ShouldBe([answer.Json.GetProperty("checkIn").GetProperty("id").GetGuid()]);
        },
        ["GET /api/v1/me/checkins"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/checkins");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetProperty("checkIns").GetArrayLength().ShouldBe(0);
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/sessions"] = async (ben, ana) =>
        {
            // Ben sends Ana's Idempotency-Key: keys are his own, so his session is new (201), not hers given back.
            var answer = await StoreSessionAsync(ben, AnasSessionKey);
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            ShouldNotShow(answer, ana);
            var list = await ben.GetAsync("/api/v1/me/sessions");
            list.Json.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetGuid())
                .ShouldBe([answer.Json.GetProperty("id").GetGuid()]);
        },
        ["GET /api/v1/me/sessions"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/sessions");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetProperty("sessions").GetArrayLength().ShouldBe(0);
            ShouldNotShow(answer, ana);
        },
        ["GET /api/v1/me/doses"] = async (ben, ana) =>
        {
            // Ana has a program and a session; Ben has done nothing, so he has no doses.
            var answer = await ben.GetAsync("/api/v1/me/doses");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetProperty("doses").GetArrayLength().ShouldBe(0);
            ShouldNotShow(answer, ana);
        },
        ["GET /api/v1/me/reminders"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync(Reminders.ReminderApiTests.Reminders);
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            // Ben has no settings and no profile: UTC, none of Ana's times, devices or feed.
            var json = answer.Json;
            json.GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe("UTC");
            json.GetProperty("settings").GetProperty("daily").GetArrayLength().ShouldBe(0);
            json.GetProperty("next").GetArrayLength().ShouldBe(0);
            json.GetProperty("devices").GetArrayLength().ShouldBe(0);
            Reminders.ReminderApiTests.Absent(json, "calendar").ShouldBeTrue();
            ShouldNotShow(answer, ana);
        },
        ["PUT /api/v1/me/reminders"] = async (ben, ana) =>
        {
            var answer = await Reminders.ReminderApiTests.PutAsync(ben, Reminders.ReminderApiTests.Full());
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin", "Ben's own settings, not Ana's");
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/reminders/pause"] = async (ben, ana) =>
        {
            var answer = await ben.PostAsync(Reminders.ReminderApiTests.Pause, "");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetProperty("settings").GetProperty("daily").GetArrayLength().ShouldBe(0, "Ben's pause is on his own (empty) settings");
            ShouldNotShow(answer, ana);
        },
        ["DELETE /api/v1/me/reminders/pause"] = async (ben, ana) =>
        {
            var answer = await ben.DeleteAsync(Reminders.ReminderApiTests.Pause);
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/reminders/calendar"] = async (ben, ana) =>
        {
            var answer = await ben.PostAsync(Reminders.ReminderApiTests.Calendar, "");
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            ShouldNotShow(answer, ana);
            var feed = await Reminders.ReminderApiTests.FeedAsync(ben.Anonymous, answer.Json.GetProperty("url").GetString()!);
            feed.Status.ShouldBe(HttpStatusCode.OK);
            ShouldNotShow(feed, ana);
            (await Reminders.ReminderApiTests.FeedAsync(ben.Anonymous, ana.FeedUrl)).Status.ShouldBe(HttpStatusCode.OK, "Ana's address still works");
        },
        ["DELETE /api/v1/me/reminders/calendar"] = async (ben, ana) =>
        {
            // Ben has no feed to turn off; Ana's is not his.
            var answer = await ben.DeleteAsync(Reminders.ReminderApiTests.Calendar);
            answer.ShouldBeProblem(HttpStatusCode.NotFound);
            ShouldNotShow(answer, ana);
            (await Reminders.ReminderApiTests.FeedAsync(ben.Anonymous, ana.FeedUrl)).Status.ShouldBe(HttpStatusCode.OK, "Ana's address still works");
        },
        ["GET /api/v1/me/push/devices"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync(Reminders.ReminderApiTests.Devices);
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetArrayLength().ShouldBe(0);
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/push/devices"] = async (ben, ana) =>
        {
            var answer = await ben.PostAsync(Reminders.ReminderApiTests.Devices, Reminders.ReminderApiTests.Subscription(Reminders.ReminderApiTests.FcmEndpoint()));
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            ShouldNotShow(answer, ana);
            (await ben.GetAsync(Reminders.ReminderApiTests.Devices)).Json.EnumerateArray().Select(d => d.GetProperty("id").GetGuid())
                .ShouldBe([answer.Json.GetProperty("id").GetGuid()]);
        },
        ["DELETE /api/v1/me/push/devices/{id}"] = async (ben, ana) =>
        {
            var answer = await ben.DeleteAsync($"{Reminders.ReminderApiTests.Devices}/{ana.Device}");
            answer.ShouldBeProblem(HttpStatusCode.NotFound);
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/push/test"] = async (ben, ana) =>
        {
            // Ana has a device; Ben has none, so his test goes nowhere (and never to hers).
            var answer = await ben.PostAsync("/api/v1/me/push/test", "");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            (answer.Json.GetProperty("devices").GetInt32(), answer.Json.GetProperty("delivered").GetInt32()).ShouldBe((0, 0));
            ShouldNotShow(answer, ana);
        },
        ["POST /api/v1/me/coaches"] = async (ben, ana) =>
        {
            // Ana's invitation is used: Ben cannot take it over, and learns nothing of her from the refusal.
            var used = await Coaching.CoachLinkSteps.AcceptAsync(ben, ana.CoachInvite);
            used.ShouldBeProblem(HttpStatusCode.Conflict);
            ShouldNotShow(used, ana);
            // With an invitation of his own from the same coach, Ben gets a link of his own.
            var (secret, _) = await Coaching.CoachLinkSteps.InviteAsync(ana.Coach!);
            var answer = await Coaching.CoachLinkSteps.AcceptAsync(ben, secret);
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            ShouldNotShow(answer, ana);
            (await Coaching.CoachLinkSteps.LinksAsync(ben)).Select(l => l.GetProperty("id").GetGuid()).ShouldBe([answer.Json.GetProperty("id").GetGuid()]);
        },
        ["GET /api/v1/me/coaches"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/coaches");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetProperty("coaches").GetArrayLength().ShouldBe(0);
            ShouldNotShow(answer, ana);
        },
        ["PUT /api/v1/me/coaches/{id}/shares"] = async (ben, ana) =>
        {
            var answer = await ben.SendAsync(HttpMethod.Put, $"/api/v1/me/coaches/{ana.CoachLink}/shares", Coaching.CoachLinkSteps.Shares(true, true, true, true));
            answer.ShouldBeProblem(HttpStatusCode.NotFound);
            ShouldNotShow(answer, ana);
        },
        ["DELETE /api/v1/me/coaches/{id}"] = async (ben, ana) =>
        {
            var answer = await ben.DeleteAsync($"/api/v1/me/coaches/{ana.CoachLink}");
            answer.ShouldBeProblem(HttpStatusCode.NotFound);
            ShouldNotShow(answer, ana);
        },
        ["GET /api/v1/me/coaches/activity"] = async (ben, ana) =>
        {
            var answer = await ben.GetAsync("/api/v1/me/coaches/activity");
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
            answer.Json.GetProperty("events").GetArrayLength().ShouldBe(0);
            ShouldNotShow(answer, ana);
        },
    };

    /// <summary>The push address of Ana's browser.</summary>
    private static readonly string AnasEndpoint = Reminders.ReminderApiTests.FcmEndpoint();

    /// <summary>An activity only Ana's profile names.</summary>
    private const string AnasActivity = "Ana's secret activity";

    /// <summary>A note only Ana's check-in holds.</summary>
    private const string AnasNote = "Ana's secret note";

    /// <summary>The Idempotency-Key of Ana's session; Ben sends it too.</summary>
    private const string AnasSessionKey = "ana-session-1";

    /// <summary>Stores a session of one exercise done, under an Idempotency-Key.</summary>
    private static async Task<ApiAnswer> StoreSessionAsync(TestPerson person, string key)
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-20);
        var body = new JsonObject
        {
            ["date"] = started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["startedAt"] = started.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["exercises"] = new JsonArray(new JsonObject { ["exerciseId"] = "cat-cow", ["completed"] = true, ["feedback"] = "tooEasy" }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Path("/api/v1/me/sessions"))
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await person.Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, System.Text.Encoding.UTF8.GetString(bytes), response.Headers, bytes);
    }

    private static void ShouldNotShow(ApiAnswer answer, Victim ana)
    {
        foreach (var secret in ana.Secrets)
        {
            answer.Text.ShouldNotContain(secret, Case.Insensitive, $"Ben's answer shows Ana's '{secret}'");
        }
    }

    [Fact]
    public async Task Every_me_endpoint_called_by_another_person_finds_nothing_of_the_owner_and_changes_nothing()
    {
        using var http = server.CreateHttpClient();
        var document = JsonNode.Parse(await http.GetStringAsync(Path("/openapi/v1.json")))!;
        var endpoints = document["paths"]!.AsObject()
            .Where(p => p.Key == "/api/v1/me" || p.Key.StartsWith("/api/v1/me/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"))
            .ToList();
        endpoints.ShouldNotBeEmpty();
        endpoints.Where(e => !Cases.ContainsKey(e)).ShouldBeEmpty("every /api/v1/me endpoint needs a case here");
        endpoints.Count(e => e.Contains("{id}", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(2);

        using var ana = await TestPerson.CreateAsync(server, consent: true, who: "ana");
        var victim = new Victim(ana,
            (await ana.StoreScreenAsync(EmergencyScreen())).Screen.GetProperty("id").GetGuid(),
            (await ana.StoreScreenAsync(UrgentScreen())).Screen.GetProperty("id").GetGuid());
        var profile = Planning.ProfileApiTests.Body();
        profile["activities"]![0]!["name"] = AnasActivity;
        (await ana.SendAsync(HttpMethod.Put, "/api/v1/me/profile", profile)).Status.ShouldBe(HttpStatusCode.Created);
        var checkIn = Planning.CheckInApiTests.Body();
        checkIn["note"] = AnasNote;
        var checkedIn = await ana.PostAsync("/api/v1/me/checkins", checkIn);
        checkedIn.Status.ShouldBe(HttpStatusCode.Created, checkedIn.ToString());
        var session = await StoreSessionAsync(ana, AnasSessionKey);
        session.Status.ShouldBe(HttpStatusCode.Created, session.ToString());
        // A reminder twelve hours from now: none falls due (and is sent or missed by the dispatcher) while Ben's cases run.
        var reminders = Reminders.ReminderApiTests.Full();
        reminders["timeZone"] = "UTC";
        reminders["daily"] = new JsonArray(new JsonObject { ["at"] = $"{DateTimeOffset.UtcNow.AddHours(12):HH}:00", ["kind"] = "checkIn" });
        reminders.Remove("deskBreaks");
        reminders.Remove("quietTimes");
        (await Reminders.ReminderApiTests.PutAsync(ana, reminders)).Status.ShouldBe(HttpStatusCode.OK);
        var feed = await ana.PostAsync(Reminders.ReminderApiTests.Calendar, "");
        feed.Status.ShouldBe(HttpStatusCode.Created, feed.ToString());
        var feedUrl = feed.Json.GetProperty("url").GetString()!;
        // Read once now: the feed notes its first read, and then at most hourly, so Ben's reads later change nothing.
        (await Reminders.ReminderApiTests.FeedAsync(ana.Anonymous, feedUrl)).Status.ShouldBe(HttpStatusCode.OK);
        var device = await ana.PostAsync(Reminders.ReminderApiTests.Devices, Reminders.ReminderApiTests.Subscription(AnasEndpoint));
        device.Status.ShouldBe(HttpStatusCode.Created, device.ToString());
        victim = victim with
        {
            Session = session.Json.GetProperty("id").GetGuid(),
            CheckIn = checkedIn.Json.GetProperty("checkIn").GetProperty("id").GetGuid(),
            Device = device.Json.GetProperty("id").GetGuid(),
            FeedUrl = feedUrl,
        };
        // Ana's coach, an invitation she has used, and her link with what she shares.
        using var coach = await Coaching.CoachLinkSteps.CoachAsync(server);
        var (anasInvite, _) = await Coaching.CoachLinkSteps.InviteAsync(coach);
        var linked = await Coaching.CoachLinkSteps.AcceptAsync(ana, anasInvite, Coaching.CoachLinkSteps.Shares(progress: true, screens: true));
        linked.Status.ShouldBe(HttpStatusCode.Created, linked.ToString());
        victim = victim with { Coach = coach, CoachLink = linked.Json.GetProperty("id").GetGuid(), CoachInvite = anasInvite };
        var before = await SnapshotAsync(ana);

        // A new Ben for every endpoint: some cases end his sign-in or his account.
        foreach (var endpoint in endpoints)
        {
            using var ben = await TestPerson.CreateAsync(server, consent: true, who: "ben");
            try
            {
                await Cases[endpoint](ben, victim);
            }
            catch (ShouldAssertException e)
            {
                throw new ShouldAssertException($"{endpoint}: {e.Message}", e);
            }

            (await SnapshotAsync(ana)).ShouldBe(before, $"Ana's data changed after Ben called {endpoint}");
        }
    }

    [Fact]
    public async Task Another_persons_screen_id_is_404_even_with_the_owners_path_spelled_differently()
    {
        using var ana = await TestPerson.CreateAsync(server, consent: true, who: "ana");
        using var ben = await TestPerson.CreateAsync(server, consent: true, who: "ben");
        var id = (await ana.StoreScreenAsync(EmergencyScreen())).Screen.GetProperty("id").GetGuid();

        foreach (var spelled in new[] { id.ToString("N"), id.ToString("B"), id.ToString().ToUpperInvariant() })
        {
            (await ben.GetAsync($"/api/v1/me/screens/{spelled}")).ShouldBeProblem(HttpStatusCode.NotFound);
            (await ben.PostAsync($"/api/v1/me/screens/{spelled}/confirmation", new JsonObject { ["kind"] = "clearedToExercise" }))
                .ShouldBeProblem(HttpStatusCode.NotFound);
        }
        // Ana herself reads it under any spelling, and it is still locked.
        (await ana.GetAsync($"/api/v1/me/screens/{id.ToString("N")}")).Status.ShouldBe(HttpStatusCode.OK);
        (await ana.GetAsync("/api/v1/me")).Json.GetProperty("routines").GetProperty("access").GetString().ShouldBe("lockedUntilCleared");
    }

    /// <summary>Ana's account, consent, screens with their confirmations and gate: what Ben must not change.</summary>
    private static async Task<string> SnapshotAsync(TestPerson ana)
    {
        var me = await ana.GetAsync("/api/v1/me");
        me.Status.ShouldBe(HttpStatusCode.OK, me.ToString());
        var screens = await ana.GetAsync("/api/v1/me/screens");
        screens.Status.ShouldBe(HttpStatusCode.OK, screens.ToString());
        var profile = await ana.GetAsync("/api/v1/me/profile");
        profile.Status.ShouldBe(HttpStatusCode.OK, profile.ToString());
        profile.Text.ShouldContain(AnasActivity);
        var export = await ana.GetAsync("/api/v1/me/export");
        var document = ExportDocument(ReadZip(export.Bytes));
        var tables = document.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Name != "auditEvents")
            .Select(p => $"{p.Name}: {p.Value.GetRawText()}");
        // The export records itself; every other audit event is compared.
        var audit = Actions(document).Where(a => a != "data.exported");
        return string.Join("\n", [me.Text, screens.Text, profile.Text, .. tables, string.Join(",", audit)]);
    }
}
