using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Catalogue;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Tests.Accounts;
using Limber.Web.Tests.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// A coach's program for a client over real HTTP (issue 10): the templates, reading the program (Limber's plan as a
/// starting point, or the coach's own), setting it (every problem named in one answer), the client's routine following
/// it under the same safety rules, adaptation within the coach's limits, taking it off from either side, and nothing at
/// all for anyone who is not this client's coach with their program shared.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class CoachProgramApiTests(AccountServer server)
{
    private const string Templates = "/api/v1/coach/templates";

    private static string ProgramOf(Guid clientId) => $"/api/v1/coach/clients/{clientId}/program";

    /// <summary>Four seated and standing exercises (the test profile can only sit or stand), already in routine order.</summary>
    internal static JsonObject Desk(string name = "Desk reset") => new()
    {
        ["name"] = name,
        ["items"] = new JsonArray(
            Noted(Item("seated-cat-cow", ("reps", 8), ("maxLevelsUp", 1)), "Small and slow is fine."),
            Noted(Item("standing-hip-flexor-stretch", ("holdSeconds", 25), ("reps", 2), ("maxLevelsUp", 2)), "Tuck your tailbone under first."),
            Item("seated-rotation", ("maxLevelsUp", 0)),
            Noted(Item("sit-to-stand", ("reps", 6), ("sets", 1), ("maxLevelsUp", 3)), "Use your hands if you need to.")),
    };

    internal static JsonObject Item(string exerciseId, params (string Field, int Value)[] values)
    {
        var item = new JsonObject { ["exerciseId"] = exerciseId };
        foreach (var (field, value) in values)
        {
            item[field] = value;
        }
        return item;
    }

    private static JsonObject Noted(JsonObject item, string note)
    {
        item["note"] = note;
        return item;
    }

    private static Task<ApiAnswer> PutAsync(TestPerson coach, Guid clientId, JsonNode body) => coach.SendAsync(HttpMethod.Put, ProgramOf(clientId), body);

    private ExerciseCatalogue Catalogue => server.Services.GetRequiredService<ExerciseCatalogue>();

    private static IEnumerable<string?> Ids(JsonElement list) => list.EnumerateArray().Select(i => i.GetProperty("exerciseId").GetString());

    /// <summary>A coach and a client linked, sharing everything.</summary>
    private async Task<(TestCoach Coach, TestPerson Client, CoachLink Link)> LinkedAsync(string who, Func<Task<TestPerson>>? client = null)
    {
        var coach = await Coaches.CoachAsync(server, $"{who}-coach");
        var person = client is null ? await Coaches.ClientAsync(server, $"{who}-client") : await client();
        var link = await Coaches.LinkAsync(server, coach, person, "Jo, Tuesday class");
        return (coach, person, link);
    }

    private static async Task<int> CountAsync(AccountServer on, Guid clientId, string action) =>
        (await Coaches.EventsAsync(on, clientId)).Count(e => e.Action == action);

    [Fact]
    public async Task Coaches_get_every_template_with_its_exercises_and_doses_and_no_one_else_does()
    {
        using var coach = await Coaches.CoachAsync(server, "templates-coach");
        var answer = await coach.Person.GetAsync(Templates);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var templates = answer.Json.GetProperty("templates");
        templates.EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order()
            .ShouldBe(["desk-worker", "gentle-start", "gym-warm-up", "morning-stiffness", "runners-hips"]);
        var desk = templates.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "desk-worker");
        desk.GetProperty("name").GetString().ShouldBe("Desk worker");
        desk.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        var bridge = desk.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("exerciseId").GetString() == "glute-bridge");
        bridge.GetProperty("name").GetString().ShouldBe("Glute bridge");
        bridge.GetProperty("kind").GetString().ShouldBe("strength");
        bridge.GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(8, "the template's dose, not the catalogue's 10");
        bridge.GetProperty("doseText").GetString().ShouldNotBeNullOrWhiteSpace();
        bridge.GetProperty("maxLevelsUp").GetInt32().ShouldBe(4);
        bridge.GetProperty("note").GetString()!.ShouldContain("buttocks");

        using var client = await TestPerson.CreateAsync(server, consent: true, who: "templates-client");
        (await client.GetAsync(Templates)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await AccountApi.GetAsync(client.Anonymous, Templates)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_a_coach_s_program_the_client_s_planned_routine_is_the_starting_point_and_the_look_is_logged()
    {
        var (coach, client, link) = await LinkedAsync("program-start");
        using var c = coach;
        using var cl = client;
        var routine = await Coaches.RoutineAsync(client);

        var answer = await coach.Person.GetAsync(ProgramOf(client.Id));

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var json = answer.Json;
        json.GetProperty("source").GetString().ShouldBe("limber");
        json.GetProperty("name").GetString().ShouldBe("Limber's own plan");
        json.GetProperty("clientId").GetGuid().ShouldBe(client.Id);
        Ids(json.GetProperty("items")).ShouldBe(Ids(routine.GetProperty("items")));
        json.TryGetProperty("thresholds", out _).ShouldBeFalse("the deployment's thresholds apply");
        json.GetProperty("defaultThresholds").GetProperty("regressWorstPainAbove").GetInt32().ShouldBe(ProgressionSettings.Default.RegressWorstPainAbove);
        json.TryGetProperty("handoutUrl", out _).ShouldBeFalse("there is no coach's program to print yet");
        foreach (var item in json.GetProperty("items").EnumerateArray())
        {
            item.GetProperty("maxLevelsUp").GetInt32().ShouldBeInRange(0, 10);
            item.GetProperty("doseText").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        (await Coaches.ViewsAsync(server, client.Id)).ShouldContain(CoachRecords.Subject(link.Id) + "/program");
    }

    [Fact]
    public async Task A_program_set_by_the_coach_is_the_client_s_routine_at_once_in_order_with_the_coach_s_doses_and_notes()
    {
        var (coach, client, link) = await LinkedAsync("program-set");
        using var c = coach;
        using var cl = client;

        var set = await PutAsync(coach.Person, client.Id, Desk());

        set.Status.ShouldBe(HttpStatusCode.OK, set.ToString());
        set.Json.GetProperty("source").GetString().ShouldBe("coach");
        set.Json.GetProperty("name").GetString().ShouldBe("Desk reset");
        set.Json.GetProperty("setBy").GetString().ShouldBe("Coach program-set-coach");
        set.Json.GetProperty("handoutUrl").GetString().ShouldBe($"/api/v1/coach/clients/{client.Id}/program/handout.pdf");
        Ids(set.Json.GetProperty("items")).ShouldBe(["seated-cat-cow", "standing-hip-flexor-stretch", "seated-rotation", "sit-to-stand"]);

        var routine = await Coaches.RoutineAsync(client);
        var items = routine.GetProperty("items");
        Ids(items).ShouldBe(["seated-cat-cow", "standing-hip-flexor-stretch", "seated-rotation", "sit-to-stand"]);
        items[0].GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(8);
        items[0].GetProperty("coachNote").GetString().ShouldBe("Small and slow is fine.");
        items[1].GetProperty("dose").GetProperty("holdSeconds").GetInt32().ShouldBe(25);
        items[1].GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(2);
        var catalogueRotation = Catalogue.Find("seated-rotation")!.Dose;
        items[2].GetProperty("dose").GetProperty("holdSeconds").GetInt32().ShouldBe(catalogueRotation.HoldSeconds!.Value, "left out: the catalogue's");
        items[2].TryGetProperty("coachNote", out _).ShouldBeFalse();
        items[3].GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(6);
        items[3].GetProperty("dose").GetProperty("sets").GetInt32().ShouldBe(1);
        foreach (var item in items.EnumerateArray())
        {
            item.GetProperty("reason").GetString().ShouldBe("Your coach chose this.");
        }
        routine.GetProperty("coach").GetProperty("name").GetString().ShouldBe("Desk reset");
        routine.GetProperty("coach").GetProperty("coachName").GetString().ShouldBe("Coach program-set-coach");

        // The player gets the same list and notes, and the program its coach.
        var timeline = await client.GetAsync("/api/v1/me/routine/timeline");
        timeline.Status.ShouldBe(HttpStatusCode.OK, timeline.ToString());
        timeline.Json.GetProperty("coach").GetProperty("name").GetString().ShouldBe("Desk reset");
        timeline.Json.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("id").GetString())
            .ShouldBe(["seated-cat-cow", "standing-hip-flexor-stretch", "seated-rotation", "sit-to-stand"]);
        timeline.Json.GetProperty("exercises")[3].GetProperty("coachNote").GetString().ShouldBe("Use your hands if you need to.");
        (await client.GetAsync("/api/v1/me/program")).Json.GetProperty("coach").GetProperty("coachName").GetString().ShouldBe("Coach program-set-coach");

        var events = await Coaches.EventsAsync(server, client.Id);
        events.Where(e => e.Action == AuditEvent.CoachProgramSet).Select(e => e.SubjectRef).ShouldBe([CoachRecords.Subject(link.Id) + "/program"]);
        events.Single(e => e.Action == AuditEvent.CoachProgramSet).ActorKind.ShouldBe(AuditActorKind.Coach);

        // Set again: the new list replaces the old, in its order.
        var reordered = Desk("Desk reset, week 2");
        var list = reordered["items"]!.AsArray();
        var first = list[0]!.DeepClone();
        list.RemoveAt(0);
        list.Insert(2, first);
        (await PutAsync(coach.Person, client.Id, reordered)).Status.ShouldBe(HttpStatusCode.OK);
        Ids((await Coaches.RoutineAsync(client)).GetProperty("items")).ShouldBe(["standing-hip-flexor-stretch", "seated-rotation", "seated-cat-cow", "sit-to-stand"]);
        (await CountAsync(server, client.Id, AuditEvent.CoachProgramSet)).ShouldBe(2);
    }

    [Fact]
    public async Task The_coach_s_program_reads_back_with_each_exercise_s_current_dose_and_the_coach_s_thresholds()
    {
        var (coach, client, _) = await LinkedAsync("program-read");
        using var c = coach;
        using var cl = client;
        var body = Desk();
        body["thresholds"] = new JsonObject { ["regressWorstPainAbove"] = 4, ["holdStepSeconds"] = 10, ["reviewWeeklyPainRise"] = 1.5 };
        (await PutAsync(coach.Person, client.Id, body)).Status.ShouldBe(HttpStatusCode.OK);
        await Coaches.SessionAsync(client, await Coaches.RoutineAsync(client), Coaches.Today);

        var read = await coach.Person.GetAsync(ProgramOf(client.Id));

        read.Status.ShouldBe(HttpStatusCode.OK, read.ToString());
        var json = read.Json;
        var thresholds = json.GetProperty("thresholds");
        thresholds.GetProperty("regressWorstPainAbove").GetInt32().ShouldBe(4);
        thresholds.GetProperty("holdStepSeconds").GetInt32().ShouldBe(10);
        thresholds.GetProperty("reviewWeeklyPainRise").GetDouble().ShouldBe(1.5);
        thresholds.GetProperty("progressSessionsInARow").GetInt32().ShouldBe(ProgressionSettings.Default.ProgressSessionsInARow, "left out: the deployment's");
        var catCow = json.GetProperty("items")[0];
        catCow.GetProperty("exerciseId").GetString().ShouldBe("seated-cat-cow");
        catCow.GetProperty("maxLevelsUp").GetInt32().ShouldBe(1);
        catCow.GetProperty("note").GetString().ShouldBe("Small and slow is fine.");
        catCow.GetProperty("current").GetProperty("level").GetInt32().ShouldBe(0, "one session: no change yet");
        catCow.GetProperty("current").GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(8, "level 0 is the coach's dose");
        catCow.GetProperty("current").GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();

        // null thresholds go back to the deployment's.
        body["thresholds"] = null;
        (await PutAsync(coach.Person, client.Id, body)).Json.TryGetProperty("thresholds", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Every_problem_of_a_program_is_named_by_its_field_in_one_answer_and_nothing_is_stored()
    {
        var (coach, client, _) = await LinkedAsync("program-bad");
        using var c = coach;
        using var cl = client;
        var before = (await Coaches.RoutineAsync(client)).GetRawText();
        var body = new JsonObject
        {
            ["name"] = "  ",
            ["colour"] = "red",
            ["items"] = new JsonArray(
                Item("no-such-exercise"),
                Item("seated-cat-cow", ("reps", 40), ("holdSeconds", 10)),
                Item("seated-cat-cow"),
                new JsonObject { ["exerciseId"] = "standing-hip-flexor-stretch", ["maxLevelsUp"] = 11, ["note"] = new string('a', 501) },
                new JsonObject { ["exerciseId"] = 5 },
                "not an exercise",
                new JsonObject { ["exerciseId"] = "sit-to-stand", ["reps"] = "ten", ["colour"] = "red" },
                Item("seated-marching", ("reps", 10))),
            ["thresholds"] = new JsonObject { ["regressWorstPainAbove"] = 7, ["holdStepSeconds"] = 7.5, ["bravery"] = 3 },
        };

        var answer = await PutAsync(coach.Person, client.Id, body);

        var problem = answer.ShouldBeProblem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        string[] expected =
        [
            "name", "colour", "items[0].exerciseId", "items[1].reps", "items[1].holdSeconds", "items[2].exerciseId", "items[3].maxLevelsUp",
            "items[3].note", "items[4].exerciseId", "items[5]", "items[6].reps", "items[6].colour", "items[7].reps",
            "thresholds.regressWorstPainAbove", "thresholds.holdStepSeconds", "thresholds.bravery",
        ];
        foreach (var field in expected)
        {
            errors.TryGetProperty(field, out var messages).ShouldBeTrue($"no error for '{field}' in {answer}");
            messages[0].GetString()!.ShouldContain(field.Split('[')[0].Split('.')[0]);
        }
        errors.EnumerateObject().Select(e => e.Name).Where(n => !expected.Contains(n)).ShouldBeEmpty("no other field is blamed");
        errors.GetProperty("items[1].reps")[0].GetString().ShouldBe("items[1].reps must be between 1 and 30, not 40.");
        errors.GetProperty("items[1].holdSeconds")[0].GetString()!.ShouldContain("must be left out");
        errors.GetProperty("items[2].exerciseId")[0].GetString()!.ShouldContain("already items[1]");
        errors.GetProperty("items[7].reps")[0].GetString()!.ShouldContain("must be left out: Seated marching is not counted in repetitions");
        errors.GetProperty("thresholds.regressWorstPainAbove")[0].GetString()!.ShouldContain("no looser than the stop rule");

        (await Coaches.RoutineAsync(client)).GetRawText().ShouldBe(before, "nothing of the program was stored");
        (await CountAsync(server, client.Id, AuditEvent.CoachProgramSet)).ShouldBe(0);

        (await PutAsync(coach.Person, client.Id, new JsonObject { ["name"] = "Empty", ["items"] = new JsonArray() })).ShouldNameField("items");
        var many = new JsonArray([.. Catalogue.All.Take(21).Select(e => (JsonNode)Item(e.Id))]);
        (await PutAsync(coach.Person, client.Id, new JsonObject { ["name"] = "Long", ["items"] = many })).ShouldNameField("items");
        (await PutAsync(coach.Person, client.Id, new JsonObject { ["name"] = "None" })).ShouldNameField("items");
        (await PutAsync(coach.Person, client.Id, new JsonObject { ["name"] = new string('n', 121), ["items"] = Desk()["items"]!.DeepClone() })).ShouldNameField("name");
        (await coach.Person.PostAsync(ProgramOf(client.Id), "{}")).Code.ShouldBe(405);
        using var broken = new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json");
        (await AccountApi.SendAsync(coach.Person.Http, HttpMethod.Put, ProgramOf(client.Id), broken)).ShouldNameField("body");
        (await Coaches.RoutineAsync(client)).GetRawText().ShouldBe(before);
    }

    [Theory]
    [InlineData("regressWorstPainAbove", 6)]
    [InlineData("regressWorstPainAbove", -1)]
    [InlineData("progressWorstPainAtMost", 6)]
    [InlineData("progressSessionsInARow", 0)]
    [InlineData("regressNextMorningAboveBaseline", 0)]
    [InlineData("reviewWeeklyPainRise", 0)]
    [InlineData("holdStepSeconds", 11)]
    [InlineData("olderAdultAge", 12)]
    [InlineData("moreStiffMarginMinutes", 61)]
    public async Task Thresholds_outside_the_dose_rules_limits_are_refused_by_name(string threshold, int value)
    {
        var (coach, client, _) = await LinkedAsync("program-threshold");
        using var c = coach;
        using var cl = client;
        var body = Desk();
        body["thresholds"] = new JsonObject { [threshold] = value };

        (await PutAsync(coach.Person, client.Id, body)).ShouldNameField($"thresholds.{threshold}");
        (await CountAsync(server, client.Id, AuditEvent.CoachProgramSet)).ShouldBe(0);
    }

    [Theory]
    [InlineData("saddle_numbness")]
    [InlineData("cancer_history")]
    public async Task A_client_whose_screen_is_urgent_or_an_emergency_gets_no_routine_from_a_coach_s_program(string yesItem)
    {
        var (coach, client, _) = await LinkedAsync("program-gate");
        using var c = coach;
        using var cl = client;
        await client.StoreScreenAsync(AccountApi.Screen(yes: [yesItem]));

        (await PutAsync(coach.Person, client.Id, Desk())).Status.ShouldBe(HttpStatusCode.OK);

        (await client.GetAsync("/api/v1/me/routine")).ShouldBeProblem(HttpStatusCode.Conflict);
        (await client.GetAsync("/api/v1/me/routine/timeline")).ShouldBeProblem(HttpStatusCode.Conflict);
        var handout = await coach.Person.GetAsync($"{ProgramOf(client.Id)}/handout.pdf");
        var detail = handout.ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!;
        detail.ShouldNotContain("cancer", Case.Insensitive);
        detail.ShouldNotContain("numb", Case.Insensitive);
    }

    [Fact]
    public async Task After_a_screen_that_advises_a_review_only_gentle_exercises_come_from_the_coach_s_program()
    {
        var (coach, client, _) = await LinkedAsync("program-gentle", async () =>
        {
            var person = await TestPerson.CreateAsync(server, consent: true, who: "program-gentle-client");
            (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
            await person.StoreScreenAsync(AccountApi.RoutineScreen());
            return person;
        });
        using var c = coach;
        using var cl = client;
        var body = new JsonObject
        {
            ["name"] = "Standing strength",
            ["items"] = new JsonArray(Item("standing-hamstring-stretch"), Item("air-squat"), Item("split-squat"), Item("seated-cat-cow"), Item("sit-to-stand")),
        };
        (await PutAsync(coach.Person, client.Id, body)).Status.ShouldBe(HttpStatusCode.OK);

        var routine = await Coaches.RoutineAsync(client);

        routine.GetProperty("gentleOptionsOnly").GetBoolean().ShouldBeTrue();
        var items = routine.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        foreach (var item in items)
        {
            var exercise = Catalogue.Find(item.GetProperty("exerciseId").GetString()!).ShouldNotBeNull();
            exercise.Difficulty.ShouldBe(1, $"{exercise.Id} is not a gentle option");
        }
        Ids(routine.GetProperty("items")).ShouldContain("seated-cat-cow");
        Ids(routine.GetProperty("items")).ShouldNotContain("air-squat");
    }

    [Fact]
    public async Task Doses_keep_adapting_to_feedback_but_never_beyond_the_steps_the_coach_allows()
    {
        var (coach, client, _) = await LinkedAsync("program-adapt");
        using var c = coach;
        using var cl = client;
        var body = new JsonObject
        {
            ["name"] = "Capped",
            ["items"] = new JsonArray(
                Item("seated-cat-cow", ("reps", 8), ("maxLevelsUp", 1)),
                Item("seated-rotation", ("maxLevelsUp", 0)),
                Item("sit-to-stand", ("reps", 6), ("sets", 1), ("maxLevelsUp", 10))),
        };
        (await PutAsync(coach.Person, client.Id, body)).Status.ShouldBe(HttpStatusCode.OK);
        // The program began a week ago: six sessions that felt too easy, each settled by the next morning.
        await Coaches.BackdateAsync(server, client.Id, 8);
        var routine = await Coaches.RoutineAsync(client);
        for (var day = 7; day >= 2; day--)
        {
            var date = Coaches.Today.AddDays(-day);
            var session = SessionApiTests.Session(routine, feedback: "tooEasy", worstPain: 1);
            session["date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var stored = await SessionApiTests.PostAsync(client, session, Guid.NewGuid().ToString());
            stored.Status.ShouldBe(HttpStatusCode.Created, stored.ToString());
            await Coaches.CheckInAsync(server, client.Id, date.AddDays(1), pain: 2);
        }

        var program = (await coach.Person.GetAsync(ProgramOf(client.Id))).Json.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("exerciseId").GetString()!, i => i.GetProperty("current"));

        program["seated-cat-cow"].GetProperty("level").GetInt32().ShouldBe(1, "three steps earned, one allowed");
        program["seated-cat-cow"].GetProperty("atTop").GetBoolean().ShouldBeTrue();
        program["seated-rotation"].GetProperty("level").GetInt32().ShouldBe(0, "no step allowed above the coach's dose");
        program["sit-to-stand"].GetProperty("level").GetInt32().ShouldBeGreaterThanOrEqualTo(2, "adaptation goes on where the coach allows it");
        var doses = (await client.GetAsync("/api/v1/me/doses")).Json.GetProperty("doses").EnumerateArray()
            .ToDictionary(d => d.GetProperty("exerciseId").GetString()!, d => d.GetProperty("level").GetInt32());
        doses["seated-cat-cow"].ShouldBe(1);
        doses["seated-rotation"].ShouldBe(0);
        // And today's routine uses those doses: one step above the coach's 8 repetitions, no more.
        var catCow = (await Coaches.RoutineAsync(client)).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("exerciseId").GetString() == "seated-cat-cow");
        catCow.GetProperty("dose").GetProperty("reps").GetInt32().ShouldBe(9);
    }

    [Fact]
    public async Task The_client_can_go_back_to_Limber_s_own_plan_and_the_coach_can_take_the_program_off()
    {
        var (coach, client, link) = await LinkedAsync("program-off");
        using var c = coach;
        using var cl = client;
        var limber = Ids((await Coaches.RoutineAsync(client)).GetProperty("items")).ToList();
        (await PutAsync(coach.Person, client.Id, Desk())).Status.ShouldBe(HttpStatusCode.OK);

        (await client.DeleteAsync("/api/v1/me/program/coach")).Status.ShouldBe(HttpStatusCode.NoContent);

        var routine = await Coaches.RoutineAsync(client);
        routine.TryGetProperty("coach", out _).ShouldBeFalse();
        Ids(routine.GetProperty("items")).ShouldBe(limber);
        (await client.DeleteAsync("/api/v1/me/program/coach")).ShouldBeProblem(HttpStatusCode.NotFound);
        var cleared = (await Coaches.EventsAsync(server, client.Id)).Single(e => e.Action == PrescriptionRecords.ProgramClearedAction);
        cleared.ActorKind.ShouldBe(AuditActorKind.Person);
        (await coach.Person.GetAsync(ProgramOf(client.Id))).Json.GetProperty("source").GetString().ShouldBe("limber");

        (await PutAsync(coach.Person, client.Id, Desk())).Status.ShouldBe(HttpStatusCode.OK);
        (await coach.Person.DeleteAsync(ProgramOf(client.Id))).Status.ShouldBe(HttpStatusCode.NoContent);
        Ids((await Coaches.RoutineAsync(client)).GetProperty("items")).ShouldBe(limber);
        (await coach.Person.DeleteAsync(ProgramOf(client.Id))).ShouldBeProblem(HttpStatusCode.NotFound);
        var byCoach = (await Coaches.EventsAsync(server, client.Id)).Where(e => e.Action == PrescriptionRecords.ProgramClearedAction).ToList();
        byCoach.Count.ShouldBe(2);
        byCoach[0].ActorKind.ShouldBe(AuditActorKind.Coach);
        byCoach[0].SubjectRef.ShouldBe(CoachRecords.Subject(link.Id) + "/program");
    }

    [Fact]
    public async Task Anyone_but_the_client_s_coach_with_the_program_shared_gets_nothing_changes_nothing_and_leaves_no_trace()
    {
        var (coach, client, link) = await LinkedAsync("program-others");
        using var c = coach;
        using var cl = client;
        (await PutAsync(coach.Person, client.Id, Desk())).Status.ShouldBe(HttpStatusCode.OK);
        using var stranger = await Coaches.CoachAsync(server, "program-stranger");
        using var colleague = await Coaches.ColleagueAsync(server, coach, "program-colleague");
        using var plain = await TestPerson.CreateAsync(server, consent: true, who: "program-plain");
        using var otherClient = await Coaches.ClientAsync(server, "program-other-client");
        await Coaches.LinkAsync(server, stranger, otherClient, "someone else");

        async Task<string> SnapshotAsync() =>
            (await Coaches.RoutineAsync(client)).GetRawText() + string.Join(",", (await Coaches.EventsAsync(server, client.Id)).Select(e => e.Id));
        var before = await SnapshotAsync();
        var body = Desk("Not yours");

        async Task Refused(TestPerson who, HttpStatusCode status, Guid clientId)
        {
            var path = ProgramOf(clientId);
            foreach (var answer in new[]
            {
                await who.GetAsync(path),
                await PutAsync(who, clientId, body),
                await who.DeleteAsync(path),
                await who.GetAsync($"{path}/handout.pdf"),
            })
            {
                answer.ShouldBeProblem(status);
                answer.Text.ShouldNotContain("Desk reset");
                answer.Text.ShouldNotContain("Jo, Tuesday class");
            }
        }

        await Refused(stranger.Person, HttpStatusCode.NotFound, client.Id);
        await Refused(colleague.Person, HttpStatusCode.NotFound, client.Id);
        await Refused(plain, HttpStatusCode.Forbidden, client.Id);
        await Refused(coach.Person, HttpStatusCode.NotFound, otherClient.Id);
        foreach (var bad in new[] { "not-a-guid", Guid.Empty.ToString() })
        {
            (await coach.Person.GetAsync($"/api/v1/coach/clients/{bad}/program")).ShouldBeProblem(HttpStatusCode.NotFound);
        }
        (await SnapshotAsync()).ShouldBe(before);

        // The client stops sharing their program: their coach is a stranger to it from then on.
        await Coaches.ShareAsync(server, link, Coaches.All with { Program = false });
        var withdrawn = await SnapshotAsync();
        await Refused(coach.Person, HttpStatusCode.NotFound, client.Id);
        (await SnapshotAsync()).ShouldBe(withdrawn);
        (await Coaches.RoutineAsync(client)).GetProperty("coach").GetProperty("name").GetString().ShouldBe("Desk reset", "the client keeps the program");
    }

    [Fact]
    public async Task Without_health_data_consent_the_coach_cannot_reach_the_client_s_program()
    {
        var (coach, client, _) = await LinkedAsync("program-consent");
        using var c = coach;
        using var cl = client;
        (await client.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent);

        (await coach.Person.GetAsync(ProgramOf(client.Id))).ShouldBeProblem(HttpStatusCode.NotFound);
        (await PutAsync(coach.Person, client.Id, Desk())).ShouldBeProblem(HttpStatusCode.NotFound);
        (await CountAsync(server, client.Id, AuditEvent.CoachViewed)).ShouldBe(0);
    }
}
